namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>The limits an issuer gets when neither configuration nor the operator sets them.</summary>
public static class IssuerDefaults
{
    public const int MaxConcurrentCalls = 32;

    public const int MaxCallsPerSecond = 200;

    public static readonly TimeSpan TargetLatency = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan MaxQueueWait = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
}
