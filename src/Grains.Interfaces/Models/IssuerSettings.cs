namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>
/// An issuer's connection information and limits as an operator sets them. Holds the credential: it goes
/// from the admin API to the issuer registry and nowhere else (never returned, never logged).
/// </summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.IssuerSettings")]
public sealed record IssuerSettings(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string Protocol,
    [property: Id(2)] string BaseUrl,
    [property: Id(3)] string Username,
    [property: Id(4)] string Password,
    [property: Id(5)] bool Enabled,
    [property: Id(6)] int MaxConcurrentCalls,
    [property: Id(7)] int MaxCallsPerSecond,
    [property: Id(8)] TimeSpan TargetLatency,
    [property: Id(9)] TimeSpan MaxQueueWait,
    [property: Id(10)] TimeSpan Timeout);

/// <summary>A change to an issuer: only the members that are not null change.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.IssuerChange")]
public sealed record IssuerChange(
    [property: Id(0)] string? DisplayName = null,
    [property: Id(1)] string? Protocol = null,
    [property: Id(2)] string? BaseUrl = null,
    [property: Id(3)] string? Username = null,
    [property: Id(4)] string? Password = null,
    [property: Id(5)] bool? Enabled = null,
    [property: Id(6)] int? MaxConcurrentCalls = null,
    [property: Id(7)] int? MaxCallsPerSecond = null,
    [property: Id(8)] TimeSpan? TargetLatency = null,
    [property: Id(9)] TimeSpan? MaxQueueWait = null,
    [property: Id(10)] TimeSpan? Timeout = null);
