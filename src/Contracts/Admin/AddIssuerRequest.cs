namespace WalletGateway.Contracts.Admin;

/// <summary>
/// Body of <c>POST /admin/issuers</c>. Secrets appear only in requests (<paramref name="Password"/>): no response type
/// has a field for one. Absent limits take the gateway's defaults.
/// </summary>
public sealed record AddIssuerRequest(
    string? IssuerId, string? DisplayName, string? Protocol, string? BaseUrl, string? Username, string? Password, bool? Enabled,
    int? MaxConcurrentCalls, int? MaxCallsPerSecond, TimeSpan? TargetLatency, TimeSpan? MaxQueueWait, TimeSpan? Timeout);
