// The whole conformance suite in one place, so every provider runs exactly the same checks.
using Orleans.Storage;

namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>
/// What Orleans expects of a grain storage provider, run against Orleans' own Azure Table provider and
/// against the group-commit provider (<see cref="AzureTableGrainStorageConformanceTests"/>,
/// <see cref="GroupCommitGrainStorageConformanceTests"/>).
/// </summary>
public abstract class GrainStorageConformanceTests(StorageFixture fixture)
{
    private const string StateName = "state";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    protected StorageFixture Fixture { get; } = fixture;

    [Fact]
    public async Task Read_NothingWritten_NoRecordAndNoETag()
    {
        var state = new TestGrainState();

        await Fixture.Storage.ReadStateAsync(StateName, NewGrainId(), state).WaitAsync(Timeout);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task WriteThenRead_FreshActivation_SeesStateAndETag()
    {
        var grainId = NewGrainId();
        var written = await WriteNewAsync(grainId, "first");

        var read = await ReadAsync(grainId);

        Assert.True(read.RecordExists);
        Assert.Equal("first", read.State.Text);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_SuccessiveWritesOfOneActivation_EachGetsANewETag()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, "v1");
        var first = state.ETag;

        state.State.Text = "v2";
        await Fixture.Storage.WriteStateAsync(StateName, grainId, state).WaitAsync(Timeout);

        Assert.NotNull(state.ETag);
        Assert.NotEqual(first, state.ETag);
        Assert.Equal("v2", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task Write_StaleETag_InconsistentStateAndStorageKeepsNewerState()
    {
        var grainId = NewGrainId();
        var stale = await WriteNewAsync(grainId, "v1");
        var current = await ReadAsync(grainId);
        current.State.Text = "v2";
        await Fixture.Storage.WriteStateAsync(StateName, grainId, current).WaitAsync(Timeout);

        stale.State.Text = "lost update";
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Fixture.Storage.WriteStateAsync(StateName, grainId, stale).WaitAsync(Timeout));

        Assert.Equal("v2", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task Write_NoETagOverExistingRow_InconsistentState()
    {
        var grainId = NewGrainId();
        await WriteNewAsync(grainId, "existing");

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => WriteNewAsync(grainId, "blind insert"));

        Assert.Equal("existing", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task Clear_WithCurrentETag_ReadsAsNoRecordAndCanBeWrittenAgain()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, "to clear");

        await Fixture.Storage.ClearStateAsync(StateName, grainId, state).WaitAsync(Timeout);
        Assert.False(state.RecordExists);
        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);
        Assert.Equal("", read.State.Text);

        read.State.Text = "again";
        await Fixture.Storage.WriteStateAsync(StateName, grainId, read).WaitAsync(Timeout);
        Assert.Equal("again", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task Clear_StaleETag_InconsistentStateAndStateKept()
    {
        var grainId = NewGrainId();
        var stale = await WriteNewAsync(grainId, "v1");
        var current = await ReadAsync(grainId);
        current.State.Text = "v2";
        await Fixture.Storage.WriteStateAsync(StateName, grainId, current).WaitAsync(Timeout);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Fixture.Storage.ClearStateAsync(StateName, grainId, stale).WaitAsync(Timeout));

        Assert.Equal("v2", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task Write_StateOver64KiB_RoundTripsIntact()
    {
        var grainId = NewGrainId();
        var blob = new byte[300 * 1024];
        Random.Shared.NextBytes(blob);
        var state = new TestGrainState { State = new TestState { Text = "large", Blob = blob } };

        await Fixture.Storage.WriteStateAsync(StateName, grainId, state).WaitAsync(Timeout);

        Assert.Equal(blob, (await ReadAsync(grainId)).State.Blob);
    }

    [Fact]
    public async Task Write_StateOverEntityLimit_RefusedClearly()
    {
        var state = new TestGrainState { State = new TestState { Blob = new byte[1024 * 1024] } };

        var error = await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => Fixture.Storage.WriteStateAsync(StateName, NewGrainId(), state).WaitAsync(Timeout));

        Assert.Contains("too large", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Write_ManyGrainsConcurrently_AllLand()
    {
        var batchesBefore = Fixture.Statistics?.SharedBatches;
        var grains = Enumerable.Range(0, 200).Select(_ => NewGrainId()).ToArray();

        var states = await Task.WhenAll(grains.Select((id, i) => WriteNewAsync(id, $"grain {i}")));

        for (var i = 0; i < grains.Length; i++)
        {
            var read = await ReadAsync(grains[i]);
            Assert.Equal($"grain {i}", read.State.Text);
            Assert.Equal(states[i].ETag, read.ETag);
        }

        if (Fixture.Statistics is { } statistics)
        {
            Assert.True(statistics.SharedBatches > batchesBefore, "concurrent writes of different grains should share batches");
        }
    }

    [Fact]
    public async Task Write_OneStaleAmongConcurrentWrites_OnlyThatWriteFails()
    {
        var grains = GrainIdsSharingAPartition(10);
        var states = await Task.WhenAll(grains.Select(id => WriteNewAsync(id, "v1")));
        var staleIndex = 5;
        var newer = await ReadAsync(grains[staleIndex]);
        newer.State.Text = "written elsewhere";
        await Fixture.Storage.WriteStateAsync(StateName, grains[staleIndex], newer).WaitAsync(Timeout);
        var conflictsBefore = Fixture.Statistics?.Conflicts;
        var largestBefore = Fixture.Statistics?.LargestBatch;

        // The first write is held in flight, so the other nine queue behind it and go together.
        Task[] writes;
        using (Fixture.Faults.HoldWrites())
        {
            var blocker = Write(0);
            await Fixture.Faults.WriteHeld.WaitAsync(Timeout);
            writes = [blocker, .. Enumerable.Range(1, grains.Length - 1).Select(Write)];
        }

        var outcome = await Task.WhenAll(writes.Select(async w => await w.WaitAsync(Timeout).ContinueWith(t => t.Exception?.InnerException)));

        for (var i = 0; i < grains.Length; i++)
        {
            if (i == staleIndex)
            {
                Assert.IsAssignableFrom<InconsistentStateException>(outcome[i]);
                Assert.Equal("written elsewhere", (await ReadAsync(grains[i])).State.Text);
            }
            else
            {
                Assert.Null(outcome[i]);
                Assert.Equal("v2", (await ReadAsync(grains[i])).State.Text);
            }
        }

        if (Fixture.Statistics is { } statistics)
        {
            Assert.Equal(conflictsBefore + 1, statistics.Conflicts);
            Assert.True(statistics.LargestBatch >= Math.Max(8, largestBefore ?? 0), $"the nine queued writes should have gone as one batch (largest: {statistics.LargestBatch})");
        }

        Task Write(int i)
        {
            states[i].State.Text = "v2";
            return Fixture.Storage.WriteStateAsync(StateName, grains[i], states[i]);
        }
    }

    [Fact]
    public async Task Write_ResponseLostAfterCommit_WriteFailsAndReReadShowsWhatIsStored()
    {
        var grains = GrainIdsSharingAPartition(5);
        var states = await Task.WhenAll(grains.Select(id => WriteNewAsync(id, "v1")));
        var before = states.Select(s => s.ETag).ToArray();

        Task[] writes;
        using (Fixture.Faults.HoldWrites())
        {
            var blocker = Write(0);
            await Fixture.Faults.WriteHeld.WaitAsync(Timeout);
            writes = [blocker, .. Enumerable.Range(1, grains.Length - 1).Select(Write)];
            Fixture.Faults.LoseResponsesAfterCommit(grains.Length);
        }

        var outcome = await Task.WhenAll(writes.Select(async w => await w.WaitAsync(Timeout).ContinueWith(t => t.Exception?.InnerException)));
        Fixture.Faults.LoseResponsesAfterCommit(0);

        for (var i = 0; i < grains.Length; i++)
        {
            // Never reported done without a confirmation: every write lost its answer, so every write failed.
            Assert.NotNull(outcome[i]);
            Assert.Equal(before[i], states[i].ETag);

            // The grain re-reads and finds what storage really holds: here the write did land.
            var reread = await ReadAsync(grains[i]);
            Assert.Equal("v2", reread.State.Text);
            Assert.NotEqual(before[i], reread.ETag);

            // Memory that was not re-read cannot overwrite it silently.
            states[i].State.Text = "from stale memory";
            await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Fixture.Storage.WriteStateAsync(StateName, grains[i], states[i]).WaitAsync(Timeout));

            reread.State.Text = "v3";
            await Fixture.Storage.WriteStateAsync(StateName, grains[i], reread).WaitAsync(Timeout);
            Assert.Equal("v3", (await ReadAsync(grains[i])).State.Text);
        }

        Task Write(int i)
        {
            states[i].State.Text = "v2";
            return Fixture.Storage.WriteStateAsync(StateName, grains[i], states[i]);
        }
    }

    [Fact]
    public async Task Grain_PersistentStateNamedInConfiguration_WritesThroughProvider()
    {
        var grain = Fixture.Grains.GetGrain<ICounterGrain>(Guid.NewGuid().ToString("N"));

        for (var i = 0; i < 3; i++)
        {
            await grain.IncrementAsync().WaitAsync(Timeout);
        }

        var state = new TestGrainState();
        await Fixture.Storage.ReadStateAsync("counter", grain.GetGrainId(), state).WaitAsync(Timeout);
        Assert.Equal(3, state.State.Version);
    }

    private static GrainId NewGrainId() => GrainId.Create("gctest", Guid.NewGuid().ToString("N"));

    private GrainId[] GrainIdsSharingAPartition(int count) =>
        [.. Enumerable.Range(0, int.MaxValue).Select(_ => NewGrainId())
            .Where(id => StateEntityCodec.Bucket(id, Fixture.PartitionCount) == 0).Take(count)];

    private async Task<TestGrainState> WriteNewAsync(GrainId grainId, string text)
    {
        var state = new TestGrainState { State = new TestState { Text = text } };
        await Fixture.Storage.WriteStateAsync(StateName, grainId, state).WaitAsync(Timeout);
        return state;
    }

    private async Task<TestGrainState> ReadAsync(GrainId grainId)
    {
        var state = new TestGrainState();
        await Fixture.Storage.ReadStateAsync(StateName, grainId, state).WaitAsync(Timeout);
        return state;
    }
}
