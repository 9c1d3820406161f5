using Orleans.Runtime;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Hosting;

namespace WalletGateway.Gateway.Tests;

/// <summary>Session ids minted in a bucket land there, are the grain ids Orleans makes of them, and are all different.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SessionIdMinterTests(GatewayFixture fixture)
{
    [Fact]
    public void Mint_EveryBucket_GivesDistinctIdsInThatBucket()
    {
        const uint buckets = WalletGatewayClientExtensions.ClientSenderBuckets;
        var type = fixture.Grains.GetGrain<ITerminalSessionGrain>(Guid.Empty).GetGrainId().Type;
        var ids = new HashSet<Guid>();
        for (var bucket = 0u; bucket < buckets; bucket++)
        {
            var id = SessionIdMinter.Mint(type, bucket, buckets);
            var grainId = fixture.Grains.GetGrain<ITerminalSessionGrain>(id).GetGrainId();
            Assert.Equal(GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(id)), grainId);
            Assert.Equal(bucket, SessionIdMinter.Bucket(grainId, buckets));
            Assert.True(ids.Add(id));
        }
    }
}
