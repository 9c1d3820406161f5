namespace WalletGateway.IssuerSimulator;

/// <summary>
/// What one issuer saw on its issuer endpoints since start or the last reset. Peaks are
/// the most requests in flight at once and the most arrivals within one calendar second.
/// </summary>
public sealed record IssuerStatsSnapshot(
    long Requests,
    long AuthenticateRequests,
    long CompleteRequests,
    long AbortRequests,
    long BadCredentials,
    long FailedAuthentications,
    long PeakConcurrentRequests,
    long PeakRequestsPerSecond);
