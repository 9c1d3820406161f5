using Microsoft.Extensions.Logging;

namespace WalletGateway.Grains.Cards;

public sealed partial class CardGrain
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Card {CardKey} {Event} ({Reason}) by {Actor}")]
    private static partial void LogChanged(ILogger logger, string cardKey, string @event, string reason, string actor);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Issuer {IssuerId} acknowledged {MessageId}")]
    private static partial void LogDelivered(ILogger logger, string issuerId, string messageId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Issuer {IssuerId} did not acknowledge {MessageId} (failure {Failures}); retrying with backoff")]
    private static partial void LogDeliveryFailed(ILogger logger, string issuerId, string messageId, int failures);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Card {CardKey}: exporting audit records failed ({Exception}); retrying")]
    private static partial void LogExportFailed(ILogger logger, string cardKey, string exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Card {CardKey}: outbox reminder operation failed ({Exception})")]
    private static partial void LogReminderFailed(ILogger logger, string cardKey, string exception);
}
