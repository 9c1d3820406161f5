using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace WalletGateway.GroupCommitStorage;

/// <summary>
/// Grain storage on Azure Table that coalesces concurrent writes of many grains into batch transactions
/// (group commit): the Table service costs about one round trip per request, and a batch carries up to
/// 100 entities of one partition in one round trip.
/// </summary>
/// <remarks>
/// <para><b>Partitioning.</b> A batch may only touch one partition, so grains are spread over a fixed
/// number of hash buckets (<see cref="GroupCommitStorageOptions.PartitionCount"/>): PartitionKey =
/// service id + bucket of the grain id's uniform hash, RowKey = escaped grain id + '$' + escaped state
/// name. Unrelated grains of one bucket share batches. Trade-offs: fewer buckets give fuller batches at a
/// given concurrency, but each bucket is one Azure partition (about 2,000 entities/s at most, one batch in
/// flight here) and one hot spot; more buckets spread load and commit in parallel but need more
/// concurrent writers to fill batches (a batch holds at most the writes pending in its bucket, so the
/// mean batch is about concurrent writes / buckets). The count is fixed for the life of a table (rows do not move), and
/// rows are not where <c>AzureTableGrainStorage</c> keeps them: switching providers on a table with state
/// needs a migration.</para>
/// <para><b>Commit.</b> A write completes only after the service confirmed its batch. Orleans' optimistic
/// concurrency is kept per entity: no ETag inserts (refused if the row exists), an ETag replaces or
/// deletes only that version. A row refused for its ETag fails its own write with
/// <see cref="InconsistentStateException"/>; the rest of the batch is sent again without it. A write waits
/// at most <see cref="GroupCommitStorageOptions.MaxBatchDelay"/> for company, and only when other writes
/// are in flight. One batch per partition is in flight, and at most
/// <see cref="GroupCommitStorageOptions.MaxConcurrentBatches"/> over all partitions: when storage is the
/// bottleneck, writes wait in their partition's queue (where they join the next batch) rather than in the
/// service's queue, one request each.</para>
/// <para><b>Unknown outcome.</b> When a batch gets no answer (connection lost after the service committed,
/// timeout, 5xx) every write of it fails with <see cref="GroupCommitStorageException"/>; it may or may not
/// be stored, so the grain must re-read (its ETag is unchanged, and any later write with it is refused
/// if the write did land). A write is never reported done unless the service confirmed it.</para>
/// <para><b>Format.</b> The state is serialized with the configured <see cref="IGrainStorageSerializer"/>
/// (Orleans' default one unless set) and split over binary properties of 64 KiB, at most 15, as Orleans'
/// own Azure Table provider does; larger state is refused with <see cref="ArgumentOutOfRangeException"/>.</para>
/// </remarks>
public sealed partial class GroupCommitGrainStorage : IGrainStorage, ISideRowStore, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _name;
    private readonly string _serviceId;
    private readonly GroupCommitStorageOptions _options;
    private readonly IGrainStorageSerializer _serializer;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GroupCommitGrainStorage> _logger;
    private TableClient[]? _tables;
    private BatchCommitter? _committer;

    public GroupCommitGrainStorage(string name, GroupCommitStorageOptions options, IOptions<ClusterOptions> clusterOptions,
        ILogger<GroupCommitGrainStorage> logger, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
    {
        _name = name;
        _options = options;
        _serializer = options.GrainStorageSerializer;
        _serviceId = clusterOptions.Value.ServiceId;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger;
        Statistics = new GroupCommitStatistics(meterFactory);
    }

    /// <summary>Batches, entities, conflicts and failures since start.</summary>
    public GroupCommitStatistics Statistics { get; }

    /// <summary>Creates the provider named <paramref name="name"/> from its named options.</summary>
    public static GroupCommitGrainStorage Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<GroupCommitGrainStorage>(services, name,
            services.GetRequiredService<IOptionsMonitor<GroupCommitStorageOptions>>().Get(name));

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var bucket = StateEntityCodec.Bucket(grainId, _options.PartitionCount);
        var response = await TableOf(bucket).GetEntityIfExistsAsync<TableEntity>(
            StateEntityCodec.PartitionKey(_serviceId, bucket), StateEntityCodec.RowKey(grainId, stateName));
        if (!response.HasValue || response.Value is not { } entity)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var data = StateEntityCodec.Decode(entity);
        grainState.ETag = entity.ETag.ToString();
        grainState.RecordExists = data.Length > 0;
        grainState.State = data.Length > 0 ? Deserialize<T>(data, stateName, grainId) : Activator.CreateInstance<T>();
    }

    /// <inheritdoc/>
    public int PartitionCount => _options.PartitionCount;

    /// <inheritdoc/>
    /// <remarks>A state that <see cref="IHasSideRows"/> gives up its side rows before it is serialized; they go in the same transaction.</remarks>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var side = grainState.State is IHasSideRows source ? source.TakeSideRows() : [];
        var data = _serializer.Serialize(grainState.State).ToMemory();
        // A span only when something listens: no closure, no span, nothing on the write path otherwise.
        using var activity = StorageTracing.StartDurableWrite(stateName, grainId);
        try
        {
            grainState.ETag = await SubmitAsync(stateName, grainId, grainState.ETag, data, delete: false, side);
        }
        catch (Exception e) when (StorageTracing.Failed(activity, e))
        {
            throw;
        }

        grainState.RecordExists = true;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<TableEntity> ReadSideRowsAsync(string stateName, GrainId grainId, string prefix,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bucket = StateEntityCodec.Bucket(grainId, _options.PartitionCount);
        var partition = StateEntityCodec.PartitionKey(_serviceId, bucket);
        var from = StateEntityCodec.SideRowKey(grainId, stateName, prefix);
        await foreach (var row in TableOf(bucket).QueryAsync<TableEntity>(TableRanges.StartingWith(partition, from), cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<TableEntity> ReadMarkersAsync(int partition, string name,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableRanges.StartingWith(StateEntityCodec.PartitionKey(_serviceId, partition), StateEntityCodec.MarkerPrefix(name));
        await foreach (var row in TableOf(partition).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    /// <inheritdoc/>
    public async Task<bool> MarkerExistsAsync(string stateName, GrainId grainId, string name, CancellationToken cancellationToken)
    {
        var bucket = StateEntityCodec.Bucket(grainId, _options.PartitionCount);
        var partition = StateEntityCodec.PartitionKey(_serviceId, bucket);
        var found = await TableOf(bucket).GetEntityIfExistsAsync<TableEntity>(partition, StateEntityCodec.MarkerKey(grainId, stateName, name),
            select: ["PartitionKey"], cancellationToken: cancellationToken);
        return found.HasValue;
    }

    /// <inheritdoc/>
    public Task WriteSideRowsAsync(string stateName, GrainId grainId, IReadOnlyList<SideRow> rows, TimeSpan maxDelay)
    {
        var committer = _committer ?? throw NotStarted();
        var bucket = StateEntityCodec.Bucket(grainId, _options.PartitionCount);
        var partition = StateEntityCodec.PartitionKey(_serviceId, bucket);
        var operation = new PendingOperation(grainId, stateName, partition, entity: null, 0, eTag: null, delete: false,
            StateEntityCodec.SideActions(partition, grainId, stateName, rows));
        return committer.SubmitLazy(bucket, operation, maxDelay);
    }

    /// <inheritdoc/>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_options.DeleteStateOnClear && grainState.ETag is null)
        {
            // Nothing was read or written, so there is no row of ours to delete (as Orleans' provider does).
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = await SubmitAsync(stateName, grainId, grainState.ETag, ReadOnlyMemory<byte>.Empty, _options.DeleteStateOnClear, []);
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<GroupCommitGrainStorage>(_name), _options.InitStage, InitAsync, CloseAsync);

    private Task<string?> SubmitAsync(string stateName, GrainId grainId, string? eTag, ReadOnlyMemory<byte> data, bool delete, IReadOnlyList<SideRow> side)
    {
        var committer = _committer ?? throw NotStarted();
        var bucket = StateEntityCodec.Bucket(grainId, _options.PartitionCount);
        var partition = StateEntityCodec.PartitionKey(_serviceId, bucket);
        var entity = StateEntityCodec.Encode(partition, StateEntityCodec.RowKey(grainId, stateName), data);
        return committer.SubmitAsync(bucket, new PendingOperation(grainId, stateName, partition, entity, data.Length, eTag, delete,
            StateEntityCodec.SideActions(partition, grainId, stateName, side)));
    }

    private T Deserialize<T>(byte[] data, string stateName, GrainId grainId)
    {
        try
        {
            return _serializer.Deserialize<T>(new BinaryData(data))!;
        }
        catch (Exception e)
        {
            LogUnreadable(stateName, grainId, data.Length, e);
            throw new GroupCommitStorageException(
                $"State '{stateName}' of grain {grainId} ({data.Length} bytes) cannot be deserialized as {typeof(T)}.", e);
        }
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var shards = _options.EffectiveShards();
        var tables = new TableClient[shards.Count];
        for (var i = 0; i < shards.Count; i++)
        {
            var service = shards[i].TableServiceClient ?? throw new OrleansConfigurationException(
                $"Group-commit grain storage '{_name}' has no {nameof(GroupCommitShard.TableServiceClient)} for shard {i}.");
            tables[i] = service.GetTableClient(shards[i].TableName);
            await tables[i].CreateIfNotExistsAsync(cancellationToken);
        }

        _committer = new BatchCommitter(tables, _options, Statistics, _timeProvider, _logger);
        _tables = tables;
        // Account names and tables only: a connection string (its key) is never logged.
        LogStarted(_name, string.Join(", ", tables.Select(t => $"{t.AccountName}/{t.Name}")), _options.PartitionCount,
            _options.MaxBatchDelay.TotalMilliseconds, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task CloseAsync(CancellationToken cancellationToken)
    {
        // Writes already queued are answered before the silo stops; new ones are still accepted meanwhile.
        if (_committer is { } committer)
        {
            await committer.DrainAsync().WaitAsync(cancellationToken);
        }
    }

    /// <summary>The table of the shard holding <paramref name="partition"/>.</summary>
    private TableClient TableOf(int partition)
    {
        var tables = _tables ?? throw NotStarted();
        return tables[GroupCommitShard.ShardOf(partition, tables.Length)];
    }

    private InvalidOperationException NotStarted() =>
        new($"Group-commit grain storage '{_name}' is not started: it opens its table at silo start.");
}
