using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace WalletGateway.GroupCommitStorage;

/// <summary>
/// Sends the writes of all partitions: each partition's queue hands over its batches here, several
/// partitions commit in parallel, and every operation completes only with the service's answer for it.
/// </summary>
internal sealed partial class BatchCommitter
{
    private readonly GroupCommitStatistics _statistics;
    private readonly ILogger _logger;
    private readonly PartitionQueue[] _partitions;
    private readonly SemaphoreSlim _batchSlots;
    private long _inFlight;

    /// <param name="shards">The table of each shard: partition p commits to <c>shards[p % shards.Count]</c>.</param>
    public BatchCommitter(IReadOnlyList<TableClient> shards, GroupCommitStorageOptions options, GroupCommitStatistics statistics, TimeProvider timeProvider, ILogger logger)
    {
        Options = options;
        TimeProvider = timeProvider;
        _statistics = statistics;
        _logger = logger;
        _partitions = [.. Enumerable.Range(0, options.PartitionCount).Select(p => new PartitionQueue(this, shards[GroupCommitShard.ShardOf(p, shards.Count)]))];
        _batchSlots = new SemaphoreSlim(options.MaxConcurrentBatches);
    }

    public GroupCommitStorageOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Queues the operation on its partition; the task ends when its batch has been answered.</summary>
    public Task<string?> SubmitAsync(int bucket, PendingOperation operation)
    {
        Interlocked.Increment(ref _inFlight);
        _partitions[bucket].Enqueue(operation);
        return operation.Completion;
    }

    /// <summary>Queues an operation that may wait up to <paramref name="maxDelay"/> to share a batch (not counted in flight while it waits).</summary>
    public Task<string?> SubmitLazy(int bucket, PendingOperation operation, TimeSpan maxDelay)
    {
        _partitions[bucket].EnqueueLazy(operation, maxDelay);
        return operation.Completion;
    }

    /// <summary>Counts lazy operations once they join a batch or the pending queue.</summary>
    public void Track(int operations) => Interlocked.Add(ref _inFlight, operations);

    /// <summary>Whether writes other than the given partition's pending ones are queued or in flight.</summary>
    public bool OthersInFlight(int pendingHere) => Interlocked.Read(ref _inFlight) > pendingHere;

    /// <summary>Waits for one of the <see cref="GroupCommitStorageOptions.MaxConcurrentBatches"/> slots; writes keep joining the partition meanwhile.</summary>
    public Task AcquireBatchSlotAsync() => _batchSlots.WaitAsync();

    public void ReleaseBatchSlot() => _batchSlots.Release();

    /// <summary>Completes when every write submitted so far, lazy ones included, has been answered.</summary>
    public Task DrainAsync()
    {
        foreach (var partition in _partitions)
        {
            partition.FlushLazy();
        }

        return Task.WhenAll(_partitions.Select(p => p.Drained));
    }

    /// <summary>
    /// Commits the batch. A row refused for its ETag (or for anything else the service pins on one
    /// action) fails only its own write and the rest is sent again without it: a transaction is atomic,
    /// so nothing of a refused batch was stored. A failure with no answer for the batch leaves its
    /// outcome unknown: every write of it fails, and the grains re-read.
    /// </summary>
    public async Task CommitAsync(TableClient table, List<PendingOperation> batch)
    {
        var remaining = batch;
        using var activity = StorageTracing.StartBatch(batch);
        try
        {
            while (remaining.Count > 0)
            {
                try
                {
                    if (remaining is [{ IsSingleStateWrite: true } single])
                    {
                        single.Succeed(await WriteOneAsync(table, single));
                    }
                    else
                    {
                        var response = await table.SubmitTransactionAsync(remaining.SelectMany(o => o.Actions()));
                        var index = 0;
                        foreach (var operation in remaining)
                        {
                            var stateResponse = response.Value[index];
                            operation.Succeed(operation.Entity is null || operation.IsDelete ? null : stateResponse.Headers.ETag?.ToString());
                            index += operation.ActionCount;
                        }
                    }

                    _statistics.Committed(remaining.Sum(o => o.ActionCount));
                    return;
                }
                catch (TableTransactionFailedException e) when (OperationAt(remaining, e.FailedTransactionActionIndex) is { } refused)
                {
                    refused.Fail(Refused(table, refused, e));
                    remaining = [.. remaining.Where(o => o != refused)];
                }
                catch (RequestFailedException e) when (remaining.Count == 1 && IsConditionFailure(e.Status))
                {
                    remaining[0].Fail(Refused(table, remaining[0], e));
                    return;
                }
            }
        }
        catch (Exception e)
        {
            _statistics.Failed();
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            LogBatchFailed(remaining.Count, remaining[0].PartitionKey, e);
            foreach (var operation in remaining)
            {
                operation.Fail(new GroupCommitStorageException(
                    $"Storage did not confirm the write of state '{operation.StateName}' of grain {operation.GrainId} " +
                    $"(a batch of {remaining.Count} in partition {operation.PartitionKey} failed: {e.Message}); " +
                    "it may or may not be stored. Re-read the state before writing again.", e));
            }
        }
        finally
        {
            Interlocked.Add(ref _inFlight, -batch.Count);
        }
    }

    /// <summary>Fails writes stranded by an unexpected error, so no caller waits forever.</summary>
    public void Abandon(List<PendingOperation> operations, Exception e)
    {
        Interlocked.Add(ref _inFlight, -operations.Count);
        foreach (var operation in operations)
        {
            operation.Fail(new GroupCommitStorageException("The group-commit writer stopped unexpectedly; the write was not sent.", e));
        }
    }

    private static async Task<string?> WriteOneAsync(TableClient table, PendingOperation operation)
    {
        // A lone write goes as a plain request: same semantics as a one-action transaction, cheaper to send.
        var entity = operation.Entity!;
        var response = operation.ETag is null
            ? await table.AddEntityAsync(entity)
            : await table.UpdateEntityAsync(entity, new ETag(operation.ETag), TableUpdateMode.Replace);
        return response.Headers.ETag?.ToString();
    }

    /// <summary>The operation holding the transaction's action at <paramref name="actionIndex"/>.</summary>
    private static PendingOperation? OperationAt(List<PendingOperation> batch, int? actionIndex)
    {
        var start = 0;
        foreach (var operation in batch)
        {
            if (actionIndex >= start && actionIndex < start + operation.ActionCount)
            {
                return operation;
            }

            start += operation.ActionCount;
        }

        return null;
    }

    private Exception Refused(TableClient table, PendingOperation operation, RequestFailedException e)
    {
        if (!IsConditionFailure(e.Status))
        {
            _statistics.Failed();
            return new GroupCommitStorageException(
                $"Storage refused the write of state '{operation.StateName}' of grain {operation.GrainId}: {e.Message}", e);
        }

        _statistics.Conflicted();
        LogConflict(operation.StateName, operation.GrainId, operation.ETag, e.Status);
        return new InconsistentStateException(
            $"ETag conflict writing state '{operation.StateName}' of grain {operation.GrainId} to table {table.Name} " +
            $"(status {e.Status}): storage holds another version than the one this activation read.",
            "Unknown", operation.ETag ?? "(none: the row was expected not to exist)", e);
    }

    // 409: inserted a row that exists; 412: the row's ETag changed; 404: replaced or deleted a row that is gone.
    private static bool IsConditionFailure(int status) =>
        status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound;
}
