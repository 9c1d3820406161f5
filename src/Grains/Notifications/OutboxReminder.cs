using Microsoft.Extensions.Logging;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Notifications;

/// <summary>
/// The durable reminder that wakes a grain after a restart or deactivation while its outbox holds anything. It is
/// registered before a write adds to the outbox and goes only once the outbox is empty, so an outbox entry still in
/// the stored state with no reminder left was acknowledged before. One per grain activation.
/// </summary>
public sealed partial class OutboxReminder(IGrainBase grain, NotificationOptions options, StorageMetrics metrics, ILogger logger)
{
    /// <summary>The reminder's name.</summary>
    public const string Name = "outbox";

    /// <summary>Tag of a reminder registration or removal in walletgateway.storage.writes.</summary>
    public const string StorageWrite = "Reminder";

    /// <summary>True while the reminder is (or may be) registered.</summary>
    public bool IsRegistered { get; private set; }

    private string Key => grain.GrainContext.GrainId.Key.ToString()!;

    /// <summary>
    /// On activation: an outbox with no reminder left was delivered already and is cleared; when the reminder
    /// cannot be read, the outbox is kept and delivered again.
    /// </summary>
    public async Task RestoreAsync(List<OutboxMessage> outbox)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        try
        {
            if (await grain.GetReminder(Name) is null)
            {
                outbox.Clear();
            }
            else
            {
                IsRegistered = true;
            }
        }
        catch (Exception e) when (e is not GatewayException)
        {
            LogReminderFailed(logger, Key, e.GetType().Name);
            IsRegistered = true;
        }
    }

    /// <summary>The reminder fired: it is registered.</summary>
    public void Fired() => IsRegistered = true;

    /// <summary>Registers the reminder before a write that adds to the outbox; a failure is a 503 and nothing is written.</summary>
    public async Task EnsureAsync()
    {
        if (IsRegistered)
        {
            return;
        }

        try
        {
            await grain.RegisterOrUpdateReminder(Name, options.ReminderPeriod, options.ReminderPeriod);
            metrics.Written(StorageWrite);
            IsRegistered = true;
        }
        catch (Exception e) when (e is not GatewayException)
        {
            LogReminderFailed(logger, Key, e.GetType().Name);
            throw new GatewayException(GatewayError.StorageUnavailable,
                "Durable storage did not confirm the write; nothing was changed. Try again shortly.", retryAfter: TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Early registration alongside another write; a failure only means it is registered later, by <see cref="EnsureAsync"/>.</summary>
    public async Task TryEnsureAsync()
    {
        try
        {
            await EnsureAsync();
        }
        catch (GatewayException)
        {
            // Logged by EnsureAsync; the write that adds to the outbox registers it first.
        }
    }

    /// <summary>Removes the reminder once the outbox is empty; false when storage did not answer (try again later).</summary>
    public async Task<bool> TryRemoveAsync()
    {
        try
        {
            if (await grain.GetReminder(Name) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
                metrics.Written(StorageWrite);
            }

            IsRegistered = false;
            return true;
        }
        catch (Exception e) when (e is not GatewayException)
        {
            LogReminderFailed(logger, Key, e.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Card {CardKey}: outbox reminder operation failed ({Exception})")]
    private static partial void LogReminderFailed(ILogger logger, string cardKey, string exception);
}
