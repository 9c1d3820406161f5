using System.Net;
using Orleans.Runtime;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Hosting;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Session ids minted in a bucket land there, are the grain ids Orleans makes of them, and are all different; minted
/// beside a silo, they fall in a bucket of that silo and in its range of the grain directory, or in the device's bucket.
/// </summary>
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

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void MintBeside_GivesAnIdInAHomeBucketWhoseDirectoryEntryIsHome(int siloCount)
    {
        const uint buckets = WalletGatewayClientExtensions.ClientSenderBuckets;
        var type = fixture.Grains.GetGrain<ITerminalSessionGrain>(Guid.Empty).GetGrainId().Type;
        // One point a silo (Orleans' default): these silos own 38-62 % (2) and 3.8-62 % (3) of the ring, so every bucket's
        // search succeeds well within its tries (more silos can leave one a sliver, where it may fall back).
        var ring = DirectoryRing.Create(Silos(siloCount).Select(s => (s, (IReadOnlyList<uint>)s.GetUniformHashCodes(1).ToArray())));
        var map = new GatewayMap(ring, [.. Enumerable.Range(0, (int)buckets).Select(b => b % siloCount)]);
        for (var bucket = 0u; bucket < buckets; bucket += 17)
        {
            var home = map.SiloOfBucket(bucket);
            var grainId = GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(SessionIdMinter.MintBeside(type, bucket, buckets, map)));
            Assert.Equal(home, map.SiloOfBucket(SessionIdMinter.Bucket(grainId, buckets)));
            Assert.Equal(home, ring.OwnerOf(grainId.GetUniformHashCode()));
        }
    }

    [Fact]
    public void MintBeside_HomeOwnsNoRange_FallsBackToTheDevicesBucket()
    {
        const uint buckets = WalletGatewayClientExtensions.ClientSenderBuckets;
        var type = fixture.Grains.GetGrain<ITerminalSessionGrain>(Guid.Empty).GetGrainId().Type;
        var silos = Silos(2);
        // Both silos on one point: the first by silo order keeps the whole ring, the other owns nothing.
        var ring = DirectoryRing.Create(silos.Select(s => (s, (IReadOnlyList<uint>)[42u])));
        var owner = ring.OwnerOf(7);
        var map = new GatewayMap(ring, [.. Enumerable.Range(0, (int)buckets).Select(b => 1 - owner)]);
        var grainId = GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(SessionIdMinter.MintBeside(type, 5, buckets, map)));
        Assert.Equal(5u, SessionIdMinter.Bucket(grainId, buckets));
    }

    private static SiloAddress[] Silos(int count) =>
        [.. Enumerable.Range(0, count).Select(i => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + i), 155_000_000 + i))];
}
