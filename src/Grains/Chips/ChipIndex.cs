using Azure.Data.Tables;
using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.GroupCommitStorage;

namespace WalletGateway.Grains.Chips;

/// <summary>
/// Which cards were written to which chip: partition = one of <see cref="Buckets"/> hash buckets of the chip id, row =
/// chip id + <c>$</c> + card key, so a chip's cards are one range query and the rows of many chips share batch
/// transactions. Rows are only ever upserted (when a card goes active or unconfirmed on the chip); the card grain says
/// whether the card is still there. Writes are grouped per bucket and sent at most <see cref="MaxDelay"/> after the
/// first one queued, off the terminal's path: the card keeps its pending-work marker until its row is confirmed.
/// The same table holds the device rows (which device wrote which card, to which chip) in partitions of their own, one
/// of <see cref="Buckets"/> hash buckets of the device id, row = device id + <c>$</c> + card key, grouped the same way.
/// </summary>
public sealed class ChipIndex(CardTables tables)
{
    public const int Buckets = 4;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    /// <summary>A chip row's flag: the card's removal from this chip is pending (rows written before it have none: false).</summary>
    private const string RemovalPendingColumn = "RemovalPending";

    // Chip buckets first, then device buckets: each one partition, flushed on its own.
    private readonly Bucket[] _buckets = [.. Enumerable.Range(0, 2 * Buckets).Select(_ => new Bucket())];

    /// <summary>Queues the row; completes once its batch is stored (or fails with the batch).</summary>
    public Task UpsertAsync(string chipId, string issuerId, string cardRef, string? cardId, bool removalPending = false)
    {
        var row = Row(BucketOf(chipId), chipId, issuerId, cardRef, cardId);
        row.Entity[RemovalPendingColumn] = removalPending;
        return Enqueue(row);
    }

    /// <summary>Queues the device row: <paramref name="deviceId"/> wrote the card to <paramref name="chipId"/>; completes once its batch is stored.</summary>
    public Task UpsertDeviceRowAsync(string deviceId, string chipId, string issuerId, string cardRef, string? cardId)
    {
        var row = Row(Buckets + BucketOf(deviceId), deviceId, issuerId, cardRef, cardId);
        row.Entity["ChipId"] = chipId;
        return Enqueue(row);
    }

    private static (int Bucket, TableEntity Entity) Row(int bucket, string id, string issuerId, string cardRef, string? cardId) =>
        (bucket, new TableEntity(PartitionKey(bucket), RowKeyPrefix(id) + CardTables.Key(CardKey.For(issuerId, cardRef)))
        {
            ["IssuerId"] = issuerId,
            ["CardRef"] = cardRef,
            ["CardId"] = cardId,
        });

    private Task Enqueue((int Bucket, TableEntity Entity) row)
    {
        var (bucket, entity) = row;
        var pending = new Pending(entity);
        bool first;
        lock (_buckets[bucket])
        {
            // One row per key in a batch: a newer row for the same card and chip replaces the queued one.
            var queue = _buckets[bucket].Queue;
            var same = queue.FindIndex(p => p.Entity.RowKey == entity.RowKey);
            if (same >= 0)
            {
                queue[same].Superseded(pending.Done);
                queue[same] = pending;
            }
            else
            {
                queue.Add(pending);
            }

            first = !_buckets[bucket].FlushScheduled;
            _buckets[bucket].FlushScheduled = true;
        }

        if (first)
        {
            _ = FlushAfterDelayAsync(bucket);
        }

        return pending.Done;
    }

    public Task<IReadOnlyList<CardLocation>> ListAsync(string chipId, CancellationToken cancellationToken) =>
        QueryAsync(BucketOf(chipId), chipId, e => new CardLocation(e.GetString("IssuerId") ?? "", e.GetString("CardRef") ?? "", e.GetString("CardId"),
                e.GetBoolean(RemovalPendingColumn) ?? false),
            cancellationToken);

    /// <summary>The cards <paramref name="deviceId"/> wrote (one range query in its device partition).</summary>
    public Task<IReadOnlyList<DeviceCardLocation>> ListByDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        QueryAsync(Buckets + BucketOf(deviceId), deviceId,
            e => new DeviceCardLocation(e.GetString("IssuerId") ?? "", e.GetString("CardRef") ?? "", e.GetString("CardId"), e.GetString("ChipId") ?? ""),
            cancellationToken);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(int bucket, string key, Func<TableEntity, T> read, CancellationToken cancellationToken)
    {
        var filter = TableRanges.StartingWith(PartitionKey(bucket), RowKeyPrefix(key));
        var rows = new List<T>();
        try
        {
            var table = await tables.ChipIndexAsync();
            await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                rows.Add(read(e));
            }
        }
        catch (Exception e) when (Cards.CardGrain.IsStorageFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            // A read that timed out or failed is the storage's answer, not the caller's fault: 503 with Retry-After, never a 500.
            throw new GatewayException(GatewayError.StorageUnavailable, "The chip index did not answer; try again shortly.",
                retryAfter: TimeSpan.FromSeconds(5));
        }

        return rows;
    }

    /// <summary>FNV-1a over the id's characters (a chip's or a device's): the same bucket on every silo and every run.</summary>
    private static int BucketOf(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Buckets);
    }

    private static string PartitionKey(int bucket) => bucket < Buckets ? $"chips{bucket:D2}" : $"devices{bucket - Buckets:D2}";

    private static string RowKeyPrefix(string id) => CardTables.Key(id) + "$";

    private async Task FlushAfterDelayAsync(int bucket)
    {
        await Task.Delay(MaxDelay).ConfigureAwait(false);
        while (true)
        {
            List<Pending> batch;
            lock (_buckets[bucket])
            {
                var queue = _buckets[bucket].Queue;
                if (queue.Count == 0)
                {
                    _buckets[bucket].FlushScheduled = false;
                    return;
                }

                batch = queue.Take(100).ToList();
                queue.RemoveRange(0, batch.Count);
            }

            try
            {
                var table = await tables.ChipIndexAsync().ConfigureAwait(false);
                await table.SubmitTransactionAsync(batch.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, p.Entity)))
                    .ConfigureAwait(false);
                batch.ForEach(p => p.Complete(null));
            }
            catch (Exception e)
            {
                batch.ForEach(p => p.Complete(e));
            }
        }
    }

    private sealed class Bucket
    {
        public List<Pending> Queue { get; } = [];

        public bool FlushScheduled { get; set; }
    }

    private sealed class Pending(TableEntity entity)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TableEntity Entity { get; } = entity;

        public Task Done => _done.Task;

        public void Complete(Exception? error)
        {
            if (error is null)
            {
                _done.TrySetResult();
            }
            else
            {
                _done.TrySetException(error);
            }
        }

        /// <summary>A newer row for the same key took this one's place: this one ends with it.</summary>
        public void Superseded(Task newer) => newer.ContinueWith(t => Complete(t.Exception?.InnerException), TaskScheduler.Default);
    }
}
