using Microsoft.Extensions.Logging;

namespace WalletGateway.Grains;

public sealed partial class TerminalSessionGrain
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Session {SessionId} opened for issuer {IssuerId}")]
    private static partial void LogOpened(ILogger logger, Guid sessionId, string issuerId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Session {SessionId} activated a card of issuer {IssuerId}")]
    private static partial void LogActivated(ILogger logger, Guid sessionId, string issuerId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Session {SessionId}: chip response refused: {Reason}")]
    private static partial void LogChipRefused(ILogger logger, Guid sessionId, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Session {SessionId} ended {State}: {Reason}")]
    private static partial void LogEnded(ILogger logger, Guid sessionId, string state, string reason);
}
