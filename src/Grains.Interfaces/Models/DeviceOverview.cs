namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>
/// A registered device as an operator sees it: its registration and the sessions it has open now (held in the device
/// grain's memory: sessions past their deadline are left out). No token, no token generation.
/// </summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.DeviceOverview")]
public sealed record DeviceOverview(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Model,
    [property: Id(2)] string OsVersion,
    [property: Id(3)] DateTimeOffset RegisteredAt,
    [property: Id(4)] DateTimeOffset? RevokedAt,
    [property: Id(5)] IReadOnlyList<Guid> OpenSessions);
