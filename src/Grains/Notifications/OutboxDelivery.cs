using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Grains.Notifications;

/// <summary>
/// Delivers a card's outbox to its issuer, oldest first, and says when to try again after a failure. The issuer
/// deduplicates on the message id, so a message delivered twice (after a crash before the acknowledgement was
/// stored) is harmless. A message the issuer refuses with a 4xx is tried <see cref="NotificationOptions.MaxRefusals"/>
/// times, then parked as a <see cref="DeadLetter"/> so the messages after it go on.
/// </summary>
public sealed partial class OutboxDelivery(IssuerClient issuers, GatewayClock clock, IOptions<NotificationOptions> options, ILogger<OutboxDelivery> logger)
{
    /// <summary>Dead letters a card keeps (the oldest go first); each was logged when parked.</summary>
    public const int MaxDeadLetters = 20;

    /// <summary>
    /// Sends the messages in order and removes each one the issuer acknowledges (in memory; the card's next write
    /// persists it). Stops at the first message not acknowledged, which stays at the head of the outbox with its
    /// refusals counted, unless that refusal was its last: then it moves to <paramref name="deadLetters"/> and the
    /// round goes on.
    /// </summary>
    /// <param name="failures">Failed rounds so far, for the log.</param>
    public async Task<OutboxRound> DeliverAsync(string issuerId, string cardRef, List<OutboxMessage> outbox, List<DeadLetter> deadLetters, int failures)
    {
        var parked = false;
        while (outbox.Count > 0)
        {
            var m = outbox[0];
            using var timeout = new CancellationTokenSource(options.Value.AttemptTimeout);
            try
            {
                await issuers.NotifyOnceAsync(issuerId, new IssuerNotice(m.Kind, m.MessageId, cardRef, m.ChipId, m.CardId, m.Reason, m.RequestedBy), timeout.Token);
            }
            catch (IssuerCallException e) when (e.Status is { } status && IsRefusal(status))
            {
                var attempts = m.Refusals + 1;
                if (attempts < options.Value.MaxRefusals)
                {
                    outbox[0] = m with { Refusals = attempts };
                    LogRefused(logger, issuerId, m.MessageId, status, attempts, options.Value.MaxRefusals);
                    return new OutboxRound(false, parked);
                }

                outbox.RemoveAt(0);
                Park(deadLetters, new DeadLetter(m.Kind, m.MessageId, m.ChipId, m.CardId, m.Reason, status, attempts, m.CreatedAt, clock.UtcNow));
                parked = true;
                LogParked(logger, issuerId, m.MessageId, status, attempts);
                continue;
            }
            catch (Exception e) when (e is IssuerCallException or OperationCanceledException)
            {
                LogDeliveryFailed(logger, issuerId, m.MessageId, failures + 1);
                return new OutboxRound(false, parked);
            }

            outbox.RemoveAt(0);
            LogDelivered(logger, issuerId, m.MessageId);
        }

        return new OutboxRound(true, parked);
    }

    /// <summary>The wait before the next round after <paramref name="failures"/> failed ones: doubling from <see cref="NotificationOptions.RetryDelay"/> up to the maximum, ±20 % jitter.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var delay = options.Value.RetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks, options.Value.MaxRetryDelay.Ticks));
        return delay * (0.8 + 0.4 * Random.Shared.NextDouble());
    }

    /// <summary>
    /// The issuer will not take this message as it is: a 4xx, except our own credential refused (401, 403: the
    /// operator fixes it, then every message goes through) and "try later" (408, 429).
    /// </summary>
    private static bool IsRefusal(int status) => status is >= 400 and < 500 and not (401 or 403 or 408 or 429);

    private static void Park(List<DeadLetter> deadLetters, DeadLetter letter)
    {
        deadLetters.Add(letter);
        if (deadLetters.Count > MaxDeadLetters)
        {
            deadLetters.RemoveRange(0, deadLetters.Count - MaxDeadLetters);
        }
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Issuer {IssuerId} acknowledged {MessageId}")]
    private static partial void LogDelivered(ILogger logger, string issuerId, string messageId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Issuer {IssuerId} did not acknowledge {MessageId} (failure {Failures}); retrying with backoff")]
    private static partial void LogDeliveryFailed(ILogger logger, string issuerId, string messageId, int failures);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Issuer {IssuerId} refused {MessageId} with {Status} (attempt {Attempts} of {MaxAttempts}); retrying with backoff")]
    private static partial void LogRefused(ILogger logger, string issuerId, string messageId, int status, int attempts, int maxAttempts);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "Issuer {IssuerId} refused {MessageId} with {Status} {Attempts} times; parked as a dead letter on its card (GET /admin/cards), later notices go on")]
    private static partial void LogParked(ILogger logger, string issuerId, string messageId, int status, int attempts);
}
