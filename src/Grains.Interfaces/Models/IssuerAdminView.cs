namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>An issuer as an operator sees it: connection data without the secret, limits and their live values.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.IssuerAdminView")]
public sealed record IssuerAdminView(
    [property: Id(0)] string IssuerId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Protocol,
    [property: Id(3)] string BaseUrl,
    [property: Id(4)] string Username,
    [property: Id(5)] bool Enabled,
    [property: Id(6)] string Source,
    [property: Id(7)] int MaxConcurrentCalls,
    [property: Id(8)] int MaxCallsPerSecond,
    [property: Id(9)] TimeSpan TargetLatency,
    [property: Id(10)] TimeSpan MaxQueueWait,
    [property: Id(11)] TimeSpan Timeout,
    [property: Id(12)] IssuerLiveLimits? Live);

/// <summary>
/// The live budget of one silo toward an issuer (each silo holds ceiling / active silos): null until
/// the silo has called the issuer once.
/// </summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.IssuerLiveLimits")]
public sealed record IssuerLiveLimits(
    [property: Id(0)] string Silo,
    [property: Id(1)] int ActiveSilos,
    [property: Id(2)] int MaxConcurrentShare,
    [property: Id(3)] int CurrentLimit,
    [property: Id(4)] int InFlight,
    [property: Id(5)] int CallsPerSecondShare);
