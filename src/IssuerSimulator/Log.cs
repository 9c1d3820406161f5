namespace WalletGateway.IssuerSimulator;

/// <summary>
/// Log messages of the simulator. Access codes, card numbers, payment keys and passwords
/// never appear here; member ids and card references do.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Created {Count} members for issuer {IssuerId}")]
    public static partial void MembersCreated(ILogger logger, string issuerId, int count);

    [LoggerMessage(2, LogLevel.Debug, "Issued a new access code to member {MemberId} of issuer {IssuerId}")]
    public static partial void AccessCodeIssued(ILogger logger, string issuerId, string memberId);

    [LoggerMessage(3, LogLevel.Debug, "Member {MemberId} of issuer {IssuerId} authenticated; card {CardRef}")]
    public static partial void MemberAuthenticated(ILogger logger, string issuerId, string memberId, string cardRef);

    [LoggerMessage(4, LogLevel.Information, "Authentication of member {MemberId} at issuer {IssuerId} refused: wrong, used or unknown code")]
    public static partial void AuthenticationRefused(ILogger logger, string issuerId, string memberId);

    [LoggerMessage(5, LogLevel.Warning, "Request to issuer {IssuerId} refused: missing or wrong credentials")]
    public static partial void BadCredentials(ILogger logger, string issuerId);

    [LoggerMessage(6, LogLevel.Debug, "Issuer {IssuerId} received {Kind} {MessageId} for card {CardRef} (duplicate: {Duplicate})")]
    public static partial void NotificationReceived(ILogger logger, string issuerId, string kind, string messageId, string cardRef, bool duplicate);

    [LoggerMessage(7, LogLevel.Information, "Fault set on issuer {IssuerId}: latency {LatencyMs} ms, failure rate {FailureRate}, down {Down}")]
    public static partial void FaultSet(ILogger logger, string issuerId, int latencyMs, double failureRate, bool down);

    [LoggerMessage(8, LogLevel.Information, "Fault cleared on issuer {IssuerId}")]
    public static partial void FaultCleared(ILogger logger, string issuerId);

    [LoggerMessage(9, LogLevel.Information, "Statistics reset")]
    public static partial void StatsReset(ILogger logger);

    [LoggerMessage(10, LogLevel.Debug, "Issuer {IssuerId} answered 503 by injected fault")]
    public static partial void FaultInjected(ILogger logger, string issuerId);

    [LoggerMessage(11, LogLevel.Information, "The card answered for member {MemberId} of issuer {IssuerId} was changed by an administrator")]
    public static partial void CardOverridden(ILogger logger, string issuerId, string memberId);

    [LoggerMessage(12, LogLevel.Debug, "Issuer {IssuerId} refused a notice with {Status} by injected fault")]
    public static partial void NoticeRefused(ILogger logger, string issuerId, int status);

    [LoggerMessage(13, LogLevel.Information, "Card {CardRef} of member {MemberId} of issuer {IssuerId} renewed (new expiry and key)")]
    public static partial void CardRenewed(ILogger logger, string issuerId, string memberId, string cardRef);
}
