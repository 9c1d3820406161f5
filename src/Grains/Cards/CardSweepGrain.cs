using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Notifications;

namespace WalletGateway.Grains.Cards;

/// <summary>
/// Wakes the cards of one storage partition that have a pending-work marker (one range query inside the partition per
/// period). A marker lives from the write that leaves work until that work is done (usually well under a second plus
/// the grouped removal), so a sweep finds few besides the stranded ones; a card that is awake and busy finishes its own
/// work, and waking it is harmless.
/// </summary>
// The partitions' sweeps spread over the silos by key, whichever silo's reminder fires (docs/architecture.md#placement).
[HashBasedPlacement]
public sealed partial class CardSweepGrain(AuditLog auditLog, IOptions<NotificationOptions> options, ILogger<CardSweepGrain> logger)
    : Grain, ICardSweepGrain, IRemindable
{
    public const string ReminderName = "sweep";

    private TimeSpan Period => options.Value.ReminderPeriod;

    public async Task EnsureRunningAsync() => await this.RegisterOrUpdateReminder(ReminderName, Period, Period);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await SweepAsync();
        }
    }

    public async Task<int> SweepAsync()
    {
        var woken = 0;
        try
        {
            await foreach (var marker in auditLog.Store.ReadMarkersAsync((int)this.GetPrimaryKeyLong(), Cards.CardState.PendingMarker, CancellationToken.None))
            {
                if (marker.GetString("CardKey") is not { } key)
                {
                    continue;
                }

                try
                {
                    await GrainFactory.GetGrain<ICardGrain>(key).DeliverNotificationsAsync();
                    woken++;
                }
                catch (Exception e)
                {
                    LogWakeFailed(logger, key, e.GetType().Name);
                }
            }
        }
        catch (Exception e) when (CardGrain.IsStorageFailure(e))
        {
            LogSweepFailed(logger, this.GetPrimaryKeyLong(), e.GetType().Name);
        }

        return woken;
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Sweep of partition {Partition} failed ({Exception}); the next period tries again")]
    private static partial void LogSweepFailed(ILogger logger, long partition, string exception);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Sweep could not wake card {CardKey} ({Exception}); the next period tries again")]
    private static partial void LogWakeFailed(ILogger logger, string cardKey, string exception);
}
