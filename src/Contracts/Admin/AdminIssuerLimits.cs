namespace WalletGateway.Contracts.Admin;

/// <summary>The call limits configured for an issuer, cluster-wide.</summary>
public sealed record AdminIssuerLimits(int MaxConcurrentCalls, int MaxCallsPerSecond, TimeSpan TargetLatency, TimeSpan MaxQueueWait, TimeSpan Timeout);
