using Microsoft.Extensions.Logging;

namespace WalletGateway.Grains.Cards;

public sealed partial class CardGrain
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Card {CardKey} {Event} ({Reason}) by {Actor}")]
    private static partial void LogChanged(ILogger logger, string cardKey, string @event, string reason, string actor);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Card {CardKey}: work after a write (notices, chip index, marker) failed ({Exception}); retrying")]
    private static partial void LogExportFailed(ILogger logger, string cardKey, string exception);
}
