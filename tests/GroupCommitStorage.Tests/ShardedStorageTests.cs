using Azure.Data.Tables;

namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>
/// Storage sharded over several accounts and tables (<see cref="ShardedStorageFixture"/>): each table holds the
/// partitions of its shard with all their rows, and another silo over the same shards finds everything again.
/// </summary>
public sealed class ShardedStorageTests(ShardedStorageFixture fixture) : IClassFixture<ShardedStorageFixture>
{
    private const string StateName = "state";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Write_ManyGrains_EachShardHoldsItsPartitionsWithTheirSideRowsAndMarkers()
    {
        var run = Guid.NewGuid().ToString("N");
        var grains = await WriteGrainsAsync(run, 64);

        var expected = new int[fixture.Shards.Count];
        foreach (var grain in grains)
        {
            expected[ShardOf(grain)] += 3; // the state, one record, one marker
        }

        var actual = new int[fixture.Shards.Count];
        for (var shard = 0; shard < fixture.Shards.Count; shard++)
        {
            var rows = await RowsAsync(shard, run);
            actual[shard] = rows.Count;
            Assert.All(rows, row => Assert.Equal(shard, GroupCommitShard.ShardOf(PartitionOf(row), fixture.Shards.Count)));
        }

        Assert.Equal(expected, actual);
        Assert.All(actual, count => Assert.True(count > 0, "64 grains leave no shard empty"));
    }

    [Fact]
    public async Task Restart_AnotherSiloOverTheSameShards_ReadsEveryStateRecordAndMarker()
    {
        var run = Guid.NewGuid().ToString("N");
        var grains = await WriteGrainsAsync(run, 32);

        await using var again = fixture.Again();
        await again.InitializeAsync();
        var store = (ISideRowStore)again.Storage;

        foreach (var grain in grains)
        {
            var read = new GrainStateWithRows();
            await again.Storage.ReadStateAsync(StateName, grain, read).WaitAsync(Timeout);
            Assert.Equal(grain.ToString(), read.State.Text);
            var records = await ToListAsync(store.ReadSideRowsAsync(StateName, grain, "r", CancellationToken.None));
            Assert.Equal(["r1"], records.Select(r => r.GetString("Name")));
        }

        for (var partition = 0; partition < fixture.PartitionCount; partition++)
        {
            var markers = (await ToListAsync(store.ReadMarkersAsync(partition, "m", CancellationToken.None))).Count(m => m.RowKey.Contains(run));
            Assert.Equal(grains.Count(g => StateEntityCodec.Bucket(g, fixture.PartitionCount) == partition), markers);
        }
    }

    private async Task<List<GrainId>> WriteGrainsAsync(string run, int count)
    {
        var grains = Enumerable.Range(0, count).Select(i => GrainId.Create("shard", $"{run}-{i}")).ToList();
        await Task.WhenAll(grains.Select(grain => fixture.Storage.WriteStateAsync(StateName, grain, new GrainStateWithRows
        {
            State = new StateWithRows { Text = grain.ToString() }.With(
                new SideRow("r1", SideRowScope.Grain, new Dictionary<string, object?> { ["Name"] = "r1" }),
                new SideRow("m", SideRowScope.Partition, new Dictionary<string, object?>())),
        }))).WaitAsync(Timeout);
        return grains;
    }

    private int ShardOf(GrainId grain) =>
        GroupCommitShard.ShardOf(StateEntityCodec.Bucket(grain, fixture.PartitionCount), fixture.Shards.Count);

    /// <summary>The partition number at the end of the partition key (<c>service.gcNNN</c>).</summary>
    private static int PartitionOf(TableEntity row) => int.Parse(row.PartitionKey[^3..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>This run's rows in the shard's table, read straight from its account.</summary>
    private async Task<List<TableEntity>> RowsAsync(int shard, string run)
    {
        var (connectionString, table) = fixture.Shards[shard];
        var rows = await ToListAsync(new TableClient(connectionString, table).QueryAsync<TableEntity>(cancellationToken: CancellationToken.None));
        return [.. rows.Where(r => r.RowKey.Contains(run, StringComparison.Ordinal))];
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
