namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>A freshly registered device: its id and the bearer token the app must present.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.DeviceCredentials")]
public sealed record DeviceCredentials([property: Id(0)] string DeviceId, [property: Id(1)] string DeviceToken);
