using Azure;
using Microsoft.Extensions.Logging;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Grains.Cards;

// After a write: export the audit records (and the chip index row) and deliver the outbox. Runs on a grain timer
// (not interleaved with calls) with backoff; a durable reminder wakes the card after a restart or deactivation
// while anything is undelivered. The reminder goes only once the outbox is empty, so an outbox entry still in the
// stored state with no reminder left was acknowledged before.
public sealed partial class CardGrain
{
    private const string OutboxReminder = "outbox";

    /// <summary>Tags of the storage writes a card makes besides its state (walletgateway.storage.writes).</summary>
    public const string ReminderWrite = "Reminder";
    public const string AuditWrite = "AuditBatch";
    public const string ChipIndexWrite = "ChipIndex";

    private bool _reminderRegistered;
    private bool _exportUnchecked;
    private IGrainTimer? _work;
    private int _failures;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var state = card.State;
        _exportUnchecked = state.UnexportedAudit.Count > 0;
        if (state.Outbox.Count > 0)
        {
            try
            {
                if (await this.GetReminder(OutboxReminder) is null)
                {
                    state.Outbox.Clear();
                }
                else
                {
                    _reminderRegistered = true;
                }
            }
            catch (Exception e) when (e is not GatewayException)
            {
                // Unknown: deliver again (the issuer deduplicates on the message id) and keep the reminder.
                LogReminderFailed(logger, Key, e.GetType().Name);
                _reminderRegistered = true;
            }
        }

        if (state.Outbox.Count > 0 || (_exportUnchecked && state.Status != CardStatus.Provisioning))
        {
            ScheduleWork(TimeSpan.Zero);
        }
    }

    public Task DeliverNotificationsAsync() => WorkAsync(CancellationToken.None);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == OutboxReminder)
        {
            _reminderRegistered = true;
            await WorkAsync(CancellationToken.None);
        }
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
        var exported = await ExportAuditAsync();
        var delivered = await DeliverOutboxAsync();
        if (delivered && card.State.Outbox.Count == 0 && _reminderRegistered)
        {
            delivered = await TryUnregisterReminderAsync();
        }

        if (exported && delivered)
        {
            _failures = 0;
            return;
        }

        _failures++;
        var options = notificationOptions.Value;
        var delay = options.RetryDelay * Math.Pow(2, Math.Min(_failures - 1, 16));
        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks, options.MaxRetryDelay.Ticks));
        ScheduleWork(delay * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    private async Task<bool> ExportAuditAsync()
    {
        var state = card.State;
        // A lease's record waits for the lease's end, so a provisioning exports lease and outcome in one batch.
        if (state.UnexportedAudit.Count == 0 || state.Status == CardStatus.Provisioning)
        {
            return true;
        }

        var pending = state.UnexportedAudit.ToList();
        try
        {
            if (_exportUnchecked)
            {
                _exportUnchecked = false;
                if (await auditLog.ContainsAsync(Key, pending[^1], CancellationToken.None))
                {
                    state.UnexportedAudit.RemoveAll(r => r.Seq <= pending[^1].Seq);
                    return true;
                }
            }

            // Index rows first: once the last record is in the table, everything before it is done.
            foreach (var r in pending.Where(r => r.Event is "activated" or "unconfirmed" && r.ChipId is not null))
            {
                await chipIndex.UpsertAsync(r.ChipId!, IssuerId, CardRef, r.CardId, CancellationToken.None);
                metrics.Written(ChipIndexWrite);
            }

            foreach (var chunk in pending.Chunk(100))
            {
                await auditLog.AppendAsync(Key, chunk, CancellationToken.None);
                metrics.Written(AuditWrite);
            }

            state.UnexportedAudit.RemoveAll(r => r.Seq <= pending[^1].Seq);
            return true;
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            LogExportFailed(logger, Key, e.GetType().Name);
            return false;
        }
    }

    private async Task<bool> DeliverOutboxAsync()
    {
        var outbox = card.State.Outbox;
        while (outbox.Count > 0)
        {
            var m = outbox[0];
            using var timeout = new CancellationTokenSource(notificationOptions.Value.AttemptTimeout);
            try
            {
                await issuers.NotifyOnceAsync(IssuerId, new IssuerNotice(m.Kind, m.MessageId, CardRef, m.ChipId, m.CardId, m.Reason, m.RequestedBy), timeout.Token);
            }
            catch (Exception e) when (e is IssuerCallException or OperationCanceledException)
            {
                LogDeliveryFailed(logger, IssuerId, m.MessageId, _failures + 1);
                return false;
            }

            // Acknowledged: dropped in memory now, from the stored state with the card's next write.
            outbox.RemoveAt(0);
            LogDelivered(logger, IssuerId, m.MessageId);
        }

        return true;
    }

    /// <summary>Registers the outbox reminder before a write that adds to the outbox; a failure is a 503 and nothing is written.</summary>
    private async Task EnsureReminderAsync()
    {
        if (_reminderRegistered)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(OutboxReminder, notificationOptions.Value.ReminderPeriod, notificationOptions.Value.ReminderPeriod);
            metrics.Written(ReminderWrite);
            _reminderRegistered = true;
        }
        catch (Exception e) when (e is not GatewayException)
        {
            LogReminderFailed(logger, Key, e.GetType().Name);
            throw new GatewayException(GatewayError.StorageUnavailable,
                "Durable storage did not confirm the write; nothing was changed. Try again shortly.", retryAfter: TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Early registration alongside the lease write; a failure only means it is registered later, before the outcome's write.</summary>
    private async Task TryRegisterReminderAsync()
    {
        try
        {
            await EnsureReminderAsync();
        }
        catch (GatewayException)
        {
            // Logged by EnsureReminderAsync; the activation or release registers it before writing its notice.
        }
    }

    private async Task<bool> TryUnregisterReminderAsync()
    {
        try
        {
            if (await this.GetReminder(OutboxReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
                metrics.Written(ReminderWrite);
            }

            _reminderRegistered = false;
            return true;
        }
        catch (Exception e) when (e is not GatewayException)
        {
            LogReminderFailed(logger, Key, e.GetType().Name);
            return false;
        }
    }

    private static bool IsStorageFailure(Exception e) =>
        e is RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException or AggregateException;
}
