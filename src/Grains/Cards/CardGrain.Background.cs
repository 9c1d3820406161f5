using Orleans.Storage;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.GroupCommitStorage;

namespace WalletGateway.Grains.Cards;

// After a write: settle a lease that ran out (CardGrain.LeaseEnd.cs), deliver the outbox (OutboxDelivery, parking
// notices the issuer keeps refusing as dead letters, stored with a write of their own) and write the chip index row
// (grouped with other cards' rows). Runs on a grain timer (not interleaved with calls) with backoff, disposed once the
// work is done. Every write that leaves work pending also stores the card's pending-work marker (CardState.Marker);
// the marker goes once nothing is left, and the sweep (CardSweepGrain) wakes a card whose marker is old — after a
// restart, a lost silo or a deactivation — so no card needs a reminder of its own.
public sealed partial class CardGrain
{
    /// <summary>Tags of the storage writes a card makes besides its state (walletgateway.storage.writes).</summary>
    public const string ChipIndexWrite = "ChipIndex";
    public const string DeviceIndexWrite = "DeviceIndex";
    public const string MarkerRemoval = "MarkerRemoval";

    /// <summary>
    /// How long a marker's removal may wait to share a batch with other writes of its partition (it rides along with the
    /// first batch that goes; a marker left a little longer only means a sweep may wake a card with nothing to do).
    /// </summary>
    private static readonly TimeSpan MarkerRemovalDelay = TimeSpan.FromSeconds(5);

    private IGrainTimer? _work;
    private int _failures;
    private bool _deadLettersUnsaved;
    private bool _markerMayExist;

    /// <summary>The marker's removal while it waits for its batch; calls to the card run meanwhile, writes wait for it.</summary>
    private Task? _markerRemoval;

    private bool HasPendingWork => card.State.Status == CardStatus.Provisioning || card.State.Outbox.Count > 0 || card.State.ChipIndexPending is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!HasPendingWork)
        {
            return;
        }

        // Work left in the stored state is done already when its marker is gone (the marker goes last). The stored outbox
        // keeps delivered notices until the card's next write; asking for the marker avoids sending them again.
        _markerMayExist = await MarkerExistsAsync();
        if (!_markerMayExist && card.State.Status != CardStatus.Provisioning)
        {
            card.State.Outbox.Clear();
            card.State.ChipIndexPending = null;
            return;
        }

        ScheduleWork(TimeSpan.Zero);
    }

    /// <summary>Called by the sweep, which found this card's marker: the marker exists even when the stored state lists no work left.</summary>
    public Task DeliverNotificationsAsync()
    {
        _markerMayExist = true;
        return WorkAsync(CancellationToken.None);
    }

    /// <summary>Writes the state with its side rows: the audit records of the change and, while work is left, the marker.</summary>
    private async Task WriteAsync()
    {
        // A marker removal still riding toward its batch goes first, so it can never delete the marker this write stores.
        if (_markerRemoval is { } removal)
        {
            await removal;
        }

        if (HasPendingWork)
        {
            card.State.WithMarker(new SideRow(CardState.PendingMarker, SideRowScope.Partition, new Dictionary<string, object?>
            {
                ["CardKey"] = Key,
                ["Since"] = clock.UtcNow,
            }));
            _markerMayExist = true;
        }

        await this.WriteDurablyAsync(card, metrics);
    }

    private void ScheduleWork(TimeSpan due)
    {
        if (_work is null)
        {
            _work = this.RegisterGrainTimer(WorkAsync, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _work.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        var settled = await TrySettleRanOutLeaseAsync();
        var done = settled;
        if (settled)
        {
            // The index rows go to their bucket's batch now, beside the issuer's notice: a slow or absent issuer never holds
            // the chip's card list back (the rows are sent within ChipIndex.MaxDelay). The card's state is only changed once
            // the rows are stored, after the other awaits of this turn.
            var indexing = StartChipIndexWrite();
            var round = await outboxDelivery.DeliverAsync(IssuerId, CardRef, card.State.Outbox, card.State.DeadLetters, _failures);
            _deadLettersUnsaved |= round.Parked;
            // A parked notice is stored before the marker goes: else a restart would find the outbox entry without its
            // marker, take it for delivered, and lose the dead letter.
            var saved = await SaveDeadLettersAsync();
            var indexed = await EndChipIndexWriteAsync(indexing);
            done = round.Delivered && saved && indexed;
        }

        // A live lease keeps the marker: if its session is lost, the sweep is what settles the lease. The removal waits up to
        // MarkerRemovalDelay to ride along with its partition's next batch: it is not awaited in this timer turn (a timer
        // turn holds every call to the card), but beside it; a failed one schedules this work again.
        if (done && !HasPendingWork && _markerMayExist && _markerRemoval is null)
        {
            var removal = RemoveMarkerBesideCallsAsync();
            _markerRemoval = removal.IsCompleted ? null : removal;
        }

        if (done)
        {
            _failures = 0;
            _work?.Dispose();
            _work = null;
            return;
        }

        _failures++;
        ScheduleWork(outboxDelivery.RetryDelay(_failures));
    }

    /// <summary>Queues the row <see cref="CardState.ChipIndexPending"/> owes (and its device row); null when none is owed.</summary>
    private (CardLocationRow Row, bool WithDeviceRow, Task Stored)? StartChipIndexWrite()
    {
        if (card.State.ChipIndexPending is not { } row)
        {
            return null;
        }

        // The device row (which device wrote the card) goes with the chip row, in a device partition's batch of its own.
        var deviceId = card.State.DeviceId;
        return (row, deviceId is not null, Task.WhenAll(chipIndex.UpsertAsync(row.ChipId, IssuerId, CardRef, row.CardId, row.RemovalPending),
            deviceId is null ? Task.CompletedTask : chipIndex.UpsertDeviceRowAsync(deviceId, row.ChipId, IssuerId, CardRef, row.CardId)));
    }

    /// <summary>True once the rows are stored (the owed row is then cleared, unless a newer one replaced it meanwhile).</summary>
    private async Task<bool> EndChipIndexWriteAsync((CardLocationRow Row, bool WithDeviceRow, Task Stored)? indexing)
    {
        if (indexing is not var (row, withDeviceRow, stored))
        {
            return true;
        }

        try
        {
            await stored;
            metrics.Written(ChipIndexWrite);
            if (withDeviceRow)
            {
                metrics.Written(DeviceIndexWrite);
            }

            if (card.State.ChipIndexPending == row)
            {
                card.State.ChipIndexPending = null;
            }

            return true;
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            LogExportFailed(logger, Key, e.GetType().Name);
            return false;
        }
    }

    private async Task<bool> MarkerExistsAsync()
    {
        try
        {
            return await auditLog.Store.MarkerExistsAsync(StorageNames.CardState, GrainContext.GrainId, CardState.PendingMarker, CancellationToken.None);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            // Unknown: keep the work, deliver again (the issuer deduplicates on the message id).
            LogExportFailed(logger, Key, e.GetType().Name);
            return true;
        }
    }

    private async Task RemoveMarkerBesideCallsAsync()
    {
        bool removed;
        try
        {
            removed = await TryRemoveMarkerAsync();
        }
        finally
        {
            _markerRemoval = null;
        }

        if (!removed)
        {
            _failures++;
            ScheduleWork(outboxDelivery.RetryDelay(_failures));
        }
    }

    private async Task<bool> TryRemoveMarkerAsync()
    {
        try
        {
            await auditLog.Store.WriteSideRowsAsync(StorageNames.CardState, GrainContext.GrainId,
                [new SideRow(CardState.PendingMarker, SideRowScope.Partition, new Dictionary<string, object?>(), Delete: true)], MarkerRemovalDelay);
            metrics.Written(MarkerRemoval);
        }
        catch (InconsistentStateException)
        {
            // Gone already.
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            LogExportFailed(logger, Key, e.GetType().Name);
            return false;
        }

        _markerMayExist = false;
        return true;
    }

    /// <summary>Writes the card when a round parked a notice; false when storage did not confirm (the next round tries again).</summary>
    private async Task<bool> SaveDeadLettersAsync()
    {
        if (!_deadLettersUnsaved)
        {
            return true;
        }

        try
        {
            await WriteAsync();
            _deadLettersUnsaved = false;
            return true;
        }
        catch (GatewayException)
        {
            return false;
        }
    }

    /// <summary>Storage did not answer or refused: the work is tried again later (the one rule for the card and its sweep).</summary>
    internal static bool IsStorageFailure(Exception e) =>
        e is Azure.RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException or AggregateException
            or GroupCommitStorageException;
}
