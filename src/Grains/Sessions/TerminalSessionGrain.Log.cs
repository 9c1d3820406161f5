using Microsoft.Extensions.Logging;

namespace WalletGateway.Grains.Sessions;

public sealed partial class TerminalSessionGrain
{
    // A session that goes well logs nothing at Information (docs/operations.md#logging): its counters tell the story.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Session {SessionId} opened for issuer {IssuerId}")]
    private static partial void LogOpened(ILogger logger, Guid sessionId, string issuerId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Session {SessionId} activated a card of issuer {IssuerId}")]
    private static partial void LogActivated(ILogger logger, Guid sessionId, string issuerId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Session {SessionId}: chip response refused: {Reason}")]
    private static partial void LogChipRefused(ILogger logger, Guid sessionId, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Session {SessionId} ended {State}: {Reason}")]
    private static partial void LogEnded(ILogger logger, Guid sessionId, string state, string reason);

    // Per session on a drain: SessionDrain logs one line for all of them.
    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Session {SessionId} ({State}) handed to another silo")]
    private static partial void LogDehydrated(ILogger logger, Guid sessionId, string state);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Session {SessionId} ({State}) resumed on this silo after a migration")]
    private static partial void LogRehydrated(ILogger logger, Guid sessionId, string state);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "Session {SessionId} ({State}) deactivating: {Reason}")]
    private static partial void LogDeactivating(ILogger logger, Guid sessionId, string state, string reason);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning,
        Message = "Session {SessionId} ended ({Reason}) but its card did not confirm the end ({Error}); the card settles the lease when it runs out")]
    private static partial void LogLeaseLeftToRunOut(ILogger logger, Guid sessionId, string reason, string error);
}
