using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using WalletGateway.Frontend.Hosting;
using WalletGateway.GroupCommitStorage;

namespace WalletGateway.Gateway.Tests;

/// <summary>A provisioning end to end on storage sharded over three accounts: the rows land in their shards, and a restarted gateway finds the card.</summary>
public sealed class ShardedGatewayTests(ShardedGatewayFixture fixture) : IClassFixture<ShardedGatewayFixture>
{
    [Fact]
    public async Task Provision_ShardedStorage_EveryRowInItsPartitionsShardAndCardFoundAfterRestart()
    {
        var ct = TestContext.Current.CancellationToken;

        var (chip, result, token, _) = await fixture.ProvisionAsync();

        Assert.Equal("active", result.Status);
        var rows = new List<TableEntity>();
        for (var shard = 0; shard < fixture.Shards.Count; shard++)
        {
            var (connectionString, table) = fixture.Shards[shard];
            await foreach (var row in new TableClient(connectionString, table).QueryAsync<TableEntity>(cancellationToken: ct))
            {
                // Partition key: service id, ".gc", the partition number in 3 digits.
                Assert.Equal(shard, GroupCommitShard.ShardOf(int.Parse(row.PartitionKey[^3..]), fixture.Shards.Count));
                rows.Add(row);
            }
        }

        Assert.Contains(rows, row => GrainStateRows.Contains(row, result.CardId!));
        // Nothing in the unsharded table: it is not even created.
        var unsharded = fixture.LastSettings["Orleans:GrainStateTable"]!;
        await foreach (var _ in new TableServiceClient(fixture.Shards[0].ConnectionString).QueryAsync(t => t.Name == unsharded, cancellationToken: ct))
        {
            Assert.Fail($"table {unsharded} exists");
        }

        await fixture.RestartGatewayAsync();

        var cards = await fixture.Client.ListChipCardsAsync(token, chip.ChipId, ct);
        Assert.Contains(cards, c => c.CardId == result.CardId && c.Status == "active");
    }

    [Fact]
    public async Task Startup_ShardConnectionStringMalformed_FailsNamingTheEntryNotItsValue()
    {
        const string Secret = "c2VjcmV0LWtleS1vZi1hLXNoYXJk";
        var settings = new Dictionary<string, string?>(fixture.LastSettings)
        {
            ["Operations:Port"] = GatewayFixture.FreePort().ToString(),
            ["WalletGateway:Storage:Shards:1:ConnectionString"] = $"AccountName=wgshard1;AccountKey={Secret};no-equals-sign",
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            GatewayApp.CreateAsync(GatewayFixture.DevelopmentArgs, builder => builder.Configuration.AddInMemoryCollection(settings)));

        Assert.Contains("WalletGateway:Storage:Shards:1:ConnectionString is not a valid Azure Storage connection string", error.Message);
        Assert.DoesNotContain(Secret, error.Message);
    }
}
