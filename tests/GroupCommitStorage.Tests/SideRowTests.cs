using Azure.Data.Tables;
using Orleans.Storage;

namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>
/// Side rows: written in the same batch transaction as the state (both or neither), read back per grain and per
/// partition, removed on their own.
/// </summary>
public sealed class SideRowTests(GroupCommitStorageFixture fixture) : IClassFixture<GroupCommitStorageFixture>
{
    private const string StateName = "state";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private ISideRowStore Store => (ISideRowStore)fixture.Storage;

    [Fact]
    public async Task Write_StateWithSideRows_AllStoredAndReadBackPerGrainAndAsMarker()
    {
        var grainId = GrainId.Create("side", Guid.NewGuid().ToString("N"));
        var state = new GrainStateWithRows { State = new StateWithRows { Text = "v1" }.With(Record(1), Record(2), Marker()) };

        await fixture.Storage.WriteStateAsync(StateName, grainId, state).WaitAsync(Timeout);

        Assert.Equal(["r1", "r2"], (await RecordsAsync(grainId)).Select(r => r.GetString("Name")));
        Assert.True(await Store.MarkerExistsAsync(StateName, grainId, "m", CancellationToken.None));
        Assert.Contains(await MarkersAsync(grainId), m => m.GetString("Grain") == grainId.ToString());
        Assert.Equal(0, state.State.PendingRows());
    }

    [Fact]
    public async Task Write_StaleETag_NeitherStateNorSideRowsStored()
    {
        var grainId = GrainId.Create("side", Guid.NewGuid().ToString("N"));
        var first = new GrainStateWithRows { State = new StateWithRows { Text = "v1" }.With(Record(1)) };
        await fixture.Storage.WriteStateAsync(StateName, grainId, first).WaitAsync(Timeout);
        var stale = new GrainStateWithRows { ETag = first.ETag, State = new StateWithRows { Text = "v2" } };
        await fixture.Storage.WriteStateAsync(StateName, grainId, stale).WaitAsync(Timeout);

        first.State = new StateWithRows { Text = "v3" }.With(Record(2), Marker());
        await Assert.ThrowsAsync<InconsistentStateException>(() => fixture.Storage.WriteStateAsync(StateName, grainId, first).WaitAsync(Timeout));

        Assert.Equal(["r1"], (await RecordsAsync(grainId)).Select(r => r.GetString("Name")));
        Assert.False(await Store.MarkerExistsAsync(StateName, grainId, "m", CancellationToken.None));
    }

    [Fact]
    public async Task WriteSideRows_MarkerRemovedAlone_StateKeptAndSecondRemovalRefused()
    {
        var grainId = GrainId.Create("side", Guid.NewGuid().ToString("N"));
        await fixture.Storage.WriteStateAsync(StateName, grainId, new GrainStateWithRows { State = new StateWithRows { Text = "v1" }.With(Marker()) })
            .WaitAsync(Timeout);
        SideRow removal = new("m", SideRowScope.Partition, new Dictionary<string, object?>(), Delete: true);

        await Store.WriteSideRowsAsync(StateName, grainId, [removal], TimeSpan.FromMilliseconds(50)).WaitAsync(Timeout);

        Assert.False(await Store.MarkerExistsAsync(StateName, grainId, "m", CancellationToken.None));
        var read = new GrainStateWithRows();
        await fixture.Storage.ReadStateAsync(StateName, grainId, read).WaitAsync(Timeout);
        Assert.Equal("v1", read.State.Text);
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Store.WriteSideRowsAsync(StateName, grainId, [removal], TimeSpan.FromMilliseconds(50)).WaitAsync(Timeout));
    }

    private static SideRow Record(int n) => new($"r{n}", SideRowScope.Grain, new Dictionary<string, object?> { ["Name"] = $"r{n}" });

    private static SideRow Marker() => new("m", SideRowScope.Partition, new Dictionary<string, object?> { ["Grain"] = "" });

    private async Task<List<TableEntity>> RecordsAsync(GrainId grainId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Store.ReadSideRowsAsync(StateName, grainId, "r", CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<List<TableEntity>> MarkersAsync(GrainId grainId)
    {
        var rows = new List<TableEntity>();
        for (var partition = 0; partition < Store.PartitionCount; partition++)
        {
            await foreach (var row in Store.ReadMarkersAsync(partition, "m", CancellationToken.None))
            {
                row["Grain"] = row.RowKey.Contains(Uri.EscapeDataString(grainId.ToString()), StringComparison.Ordinal) ? grainId.ToString() : "";
                rows.Add(row);
            }
        }

        return rows;
    }
}

[GenerateSerializer, Alias("gc-tests.state-with-rows")]
public sealed class StateWithRows : IHasSideRows
{
    [Id(0)]
    public string Text { get; set; } = "";

    [NonSerialized]
    private List<SideRow> _rows = [];

    public int PendingRows() => _rows.Count;

    public StateWithRows With(params SideRow[] rows)
    {
        _rows.AddRange(rows);
        return this;
    }

    public IReadOnlyList<SideRow> TakeSideRows()
    {
        var rows = _rows.ToList();
        _rows.Clear();
        return rows;
    }
}

public sealed class GrainStateWithRows : IGrainState<StateWithRows>
{
#pragma warning disable CS8767
    public StateWithRows State { get; set; } = new();
#pragma warning restore CS8767

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
