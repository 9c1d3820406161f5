using Azure.Data.Tables;

namespace WalletGateway.GroupCommitStorage;

/// <summary>
/// The writes waiting for one partition, and the loop that sends them: one batch in flight at a time,
/// so whatever arrives while a batch travels goes together in the next one (group commit). Its batches go to
/// <paramref name="table"/>, the table of the partition's shard.
/// </summary>
internal sealed class PartitionQueue(BatchCommitter committer, TableClient table)
{
    private readonly Lock _lock = new();
    private readonly List<PendingOperation> _pending = [];
    private readonly List<PendingOperation> _lazy = [];
    private bool _lazyFlushScheduled;
    private TaskCompletionSource? _batchFull;
    private Task _loop = Task.CompletedTask;
    private bool _running;

    /// <summary>Completes when nothing of this partition is pending or in flight.</summary>
    public Task Drained
    {
        get
        {
            lock (_lock)
            {
                return _loop;
            }
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public void Enqueue(PendingOperation operation)
    {
        lock (_lock)
        {
            _pending.Add(operation);
            if (_pending.Count >= committer.Options.MaxBatchSize)
            {
                _batchFull?.TrySetResult();
            }

            if (!_running)
            {
                _running = true;
                _loop = Task.Run(RunAsync);
            }
        }
    }

    /// <summary>
    /// Queues an operation that may wait up to <paramref name="maxDelay"/>: it rides along with the partition's next
    /// batch, or goes on its own (with any other lazy ones) when none went meanwhile. One pending delay per partition.
    /// </summary>
    public void EnqueueLazy(PendingOperation operation, TimeSpan maxDelay)
    {
        lock (_lock)
        {
            _lazy.Add(operation);
            if (_lazyFlushScheduled)
            {
                return;
            }

            _lazyFlushScheduled = true;
        }

        _ = FlushLazyAfterAsync(maxDelay);
    }

    private async Task FlushLazyAfterAsync(TimeSpan maxDelay)
    {
        await Task.Delay(maxDelay, committer.TimeProvider).ConfigureAwait(false);
        FlushLazy();
    }

    /// <summary>Sends the lazy operations now (after their delay, or when the storage closes).</summary>
    public void FlushLazy()
    {
        lock (_lock)
        {
            _lazyFlushScheduled = false;
            if (_lazy.Count == 0)
            {
                return;
            }

            _pending.AddRange(_lazy);
            committer.Track(_lazy.Count);
            _lazy.Clear();
            if (!_running)
            {
                _running = true;
                _loop = Task.Run(RunAsync);
            }
        }
    }

    private async Task RunAsync()
    {
        try
        {
            // An idle partition waits a little for company only when other writes are in flight; a lone
            // write goes at once. Writes that arrive while a batch is in flight have already waited one
            // round trip, so later batches go without delay.
            if (committer.Options.MaxBatchDelay > TimeSpan.Zero && committer.OthersInFlight(PendingCount))
            {
                await WaitForCompanyAsync();
            }

            while (true)
            {
                await committer.AcquireBatchSlotAsync();
                try
                {
                    if (TakeBatch() is not { } batch)
                    {
                        return;
                    }

                    await committer.CommitAsync(table, batch);
                }
                finally
                {
                    committer.ReleaseBatchSlot();
                }
            }
        }
        catch (Exception e)
        {
            // CommitAsync completes every operation itself; this only guards against a bug leaving writes hanging.
            List<PendingOperation> stranded;
            lock (_lock)
            {
                stranded = [.. _pending];
                _pending.Clear();
                _running = false;
            }

            committer.Abandon(stranded, e);
        }
    }

    private async Task WaitForCompanyAsync()
    {
        Task full;
        lock (_lock)
        {
            if (_pending.Count >= committer.Options.MaxBatchSize)
            {
                return;
            }

            _batchFull = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            full = _batchFull.Task;
        }

        using var timeout = new CancellationTokenSource();
        var delay = Task.Delay(committer.Options.MaxBatchDelay, committer.TimeProvider, timeout.Token);
        await Task.WhenAny(full, delay);
        await timeout.CancelAsync();
        lock (_lock)
        {
            _batchFull = null;
        }
    }

    /// <summary>
    /// The next batch in arrival order, within the entity and byte bounds; <see langword="null"/> (and
    /// the loop ends) when nothing is pending. A row already in the batch waits for the next one: a
    /// transaction may not touch one entity twice, and the second write must see the first one's outcome.
    /// </summary>
    private List<PendingOperation>? TakeBatch()
    {
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                _running = false;
                return null;
            }

            var options = committer.Options;
            var batch = new List<PendingOperation>(Math.Min(_pending.Count + _lazy.Count, options.MaxBatchSize));
            var rows = new HashSet<string>(StringComparer.Ordinal);
            var bytes = 0;
            var actions = 0;
            // Lazy operations fill what room the batch has left.
            foreach (var operation in _pending.Concat(_lazy))
            {
                if (actions + operation.ActionCount > options.MaxBatchSize && batch.Count > 0)
                {
                    break;
                }

                if (batch.Count > 0 && bytes + operation.EstimatedBytes > options.MaxBatchBytes)
                {
                    break;
                }

                var keys = operation.RowKeys.ToList();
                if (!keys.Any(rows.Contains))
                {
                    rows.UnionWith(keys);
                    batch.Add(operation);
                    bytes += operation.EstimatedBytes;
                    actions += operation.ActionCount;
                }
            }

            var taken = batch.ToHashSet();
            _pending.RemoveAll(taken.Contains);
            committer.Track(_lazy.RemoveAll(taken.Contains));
            return batch;
        }
    }
}
