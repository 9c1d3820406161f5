using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Notifications;

namespace WalletGateway.Grains.Cards;

// After a write: settle a lease that ran out (CardGrain.LeaseEnd.cs), export the audit records (CardGrain.AuditExport.cs)
// and deliver the outbox (OutboxDelivery). Runs on a grain timer (not interleaved with calls) with backoff; the
// OutboxReminder wakes the card after a restart or deactivation while anything is undelivered or a lease is held.
public sealed partial class CardGrain
{
    private OutboxReminder? _outboxReminder;
    private IGrainTimer? _work;
    private int _failures;

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
        var delivered = settled && await outboxDelivery.DeliverAsync(IssuerId, CardRef, card.State.Outbox, _failures);
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
}
