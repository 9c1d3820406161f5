namespace WalletGateway.Contracts.Admin;

/// <summary>Body of <c>PATCH /admin/issuers/{issuerId}</c>: absent fields stay as they are. <paramref name="Password"/> is write-only.</summary>
public sealed record ChangeIssuerRequest(
    string? DisplayName, string? Protocol, string? BaseUrl, string? Username, string? Password, bool? Enabled,
    int? MaxConcurrentCalls, int? MaxCallsPerSecond, TimeSpan? TargetLatency, TimeSpan? MaxQueueWait, TimeSpan? Timeout);
