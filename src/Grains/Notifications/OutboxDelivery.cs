using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Grains.Notifications;

/// <summary>
/// Delivers a card's outbox to its issuer, oldest first, and says when to try again after a failure. The issuer
/// deduplicates on the message id, so a message delivered twice (after a crash before the acknowledgement was
/// stored) is harmless.
/// </summary>
public sealed partial class OutboxDelivery(IssuerClient issuers, IOptions<NotificationOptions> options, ILogger<OutboxDelivery> logger)
{
    /// <summary>
    /// Sends the messages in order and removes each one the issuer acknowledges (in memory; the card's next write
    /// persists it). False at the first message not acknowledged, which stays at the head of the outbox.
    /// </summary>
    /// <param name="failures">Failed rounds so far, for the log.</param>
    public async Task<bool> DeliverAsync(string issuerId, string cardRef, List<OutboxMessage> outbox, int failures)
    {
        while (outbox.Count > 0)
        {
            var m = outbox[0];
            using var timeout = new CancellationTokenSource(options.Value.AttemptTimeout);
            try
            {
                await issuers.NotifyOnceAsync(issuerId, new IssuerNotice(m.Kind, m.MessageId, cardRef, m.ChipId, m.CardId, m.Reason, m.RequestedBy), timeout.Token);
            }
            catch (Exception e) when (e is IssuerCallException or OperationCanceledException)
            {
                LogDeliveryFailed(logger, issuerId, m.MessageId, failures + 1);
                return false;
            }

            outbox.RemoveAt(0);
            LogDelivered(logger, issuerId, m.MessageId);
        }

        return true;
    }

    /// <summary>The wait before the next round after <paramref name="failures"/> failed ones: doubling from <see cref="NotificationOptions.RetryDelay"/> up to the maximum, ±20 % jitter.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var delay = options.Value.RetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks, options.Value.MaxRetryDelay.Ticks));
        return delay * (0.8 + 0.4 * Random.Shared.NextDouble());
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Issuer {IssuerId} acknowledged {MessageId}")]
    private static partial void LogDelivered(ILogger logger, string issuerId, string messageId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Issuer {IssuerId} did not acknowledge {MessageId} (failure {Failures}); retrying with backoff")]
    private static partial void LogDeliveryFailed(ILogger logger, string issuerId, string messageId, int failures);
}
