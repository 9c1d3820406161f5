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
/// </summary>
public sealed class ChipIndex(CardTables tables)
{
    public const int Buckets = 4;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private readonly Bucket[] _buckets = [.. Enumerable.Range(0, Buckets).Select(_ => new Bucket())];

    /// <summary>Queues the row; completes once its batch is stored (or fails with the batch).</summary>
    public Task UpsertAsync(string chipId, string issuerId, string cardRef, string? cardId)
    {
        var bucket = BucketOf(chipId);
        var entity = new TableEntity(PartitionKey(bucket), RowKeyPrefix(chipId) + CardTables.Key(CardKey.For(issuerId, cardRef)))
        {
            ["IssuerId"] = issuerId,
            ["CardRef"] = cardRef,
            ["CardId"] = cardId,
        };
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

    public async Task<IReadOnlyList<CardLocation>> ListAsync(string chipId, CancellationToken cancellationToken)
    {
        var table = await tables.ChipIndexAsync();
        var prefix = RowKeyPrefix(chipId);
        var filter = TableRanges.StartingWith(PartitionKey(BucketOf(chipId)), prefix);
        var cards = new List<CardLocation>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            cards.Add(new CardLocation(e.GetString("IssuerId") ?? "", e.GetString("CardRef") ?? "", e.GetString("CardId")));
        }

        return cards;
    }

    /// <summary>FNV-1a over the chip id's characters: the same bucket on every silo and every run.</summary>
    private static int BucketOf(string chipId)
    {
        var hash = 2166136261u;
        foreach (var c in chipId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Buckets);
    }

    private static string PartitionKey(int bucket) => $"chips{bucket:D2}";

    private static string RowKeyPrefix(string chipId) => CardTables.Key(chipId) + "$";

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
