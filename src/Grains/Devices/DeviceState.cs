namespace WalletGateway.Grains.Devices;

/// <summary>Durable registration of a device. The token is stored only as its SHA-256 hash.</summary>
[GenerateSerializer, Alias("WalletGateway.DeviceState")]
public sealed class DeviceState
{
    [Id(0)] public bool Registered { get; set; }
    [Id(1)] public string TokenHash { get; set; } = "";
    [Id(2)] public string Model { get; set; } = "";
    [Id(3)] public string OsVersion { get; set; } = "";
    [Id(4)] public DateTimeOffset RegisteredAt { get; set; }
}
