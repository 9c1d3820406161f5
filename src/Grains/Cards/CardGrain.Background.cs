using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Notifications;

namespace WalletGateway.Grains.Cards;

// After a write: settle a lease that ran out (CardGrain.LeaseEnd.cs), export the audit records (CardGrain.AuditExport.cs)
// and deliver the outbox (OutboxDelivery), parking notices the issuer keeps refusing as dead letters (stored with a
// write of their own). Runs on a grain timer (not interleaved with calls) with backoff; the OutboxReminder wakes the
// card after a restart or deactivation while anything is undelivered or a lease is held.
public sealed partial class CardGrain
{
    private OutboxReminder? _outboxReminder;
    private IGrainTimer? _work;
    private int _failures;
    private bool _deadLettersUnsaved;

    private OutboxReminder Reminder => _outboxReminder ??= new(this, notificationOptions.Value, metrics, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var state = card.State;
        _exportUnchecked = state.UnexportedAudit.Count > 0;
        await Reminder.RestoreAsync(state.Outbox);
        if (state.Outbox.Count > 0 || (_exportUnchecked && state.Status != CardStatus.Provisioning) || LeaseRanOut)
        {
            ScheduleWork(TimeSpan.Zero);
        }
    }

    public Task DeliverNotificationsAsync() => WorkAsync(CancellationToken.None);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == OutboxReminder.Name)
        {
            Reminder.Fired();
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
        var settled = await TrySettleRanOutLeaseAsync();
        var exported = settled && await ExportAuditAsync();
        var delivered = false;
        if (settled)
        {
            var round = await outboxDelivery.DeliverAsync(IssuerId, CardRef, card.State.Outbox, card.State.DeadLetters, _failures);
            _deadLettersUnsaved |= round.Parked;
            // A parked notice is stored before the reminder goes: else a restart would find the outbox entry without its
            // reminder, take it for delivered, and lose the dead letter.
            var saved = await SaveDeadLettersAsync();
            delivered = round.Delivered && saved;
        }

        // A live lease keeps the reminder: if its session is lost, the reminder is what settles the lease.
        if (delivered && card.State.Outbox.Count == 0 && Reminder.IsRegistered && card.State.Status != CardStatus.Provisioning)
        {
            delivered = await Reminder.TryRemoveAsync();
        }

        if (exported && delivered)
        {
            _failures = 0;
            return;
        }

        _failures++;
        ScheduleWork(outboxDelivery.RetryDelay(_failures));
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
            await this.WriteDurablyAsync(card, metrics);
            _deadLettersUnsaved = false;
            return true;
        }
        catch (GatewayException)
        {
            return false;
        }
    }
}
