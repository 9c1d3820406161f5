namespace WalletGateway.Grains.Devices;

/// <summary>Durable registration of a device: the token generation its tokens are signed for, and the revocation. No token is stored.</summary>
[GenerateSerializer, Alias("WalletGateway.DeviceState")]
public sealed class DeviceState
{
    [Id(0)] public bool Registered { get; set; }
    /// <summary>Not read: tokens are signed by the frontend and checked against <see cref="Generation"/>. Id 1 is never reused.</summary>
    [Id(1)] public string TokenHash { get; set; } = "";
    [Id(2)] public string Model { get; set; } = "";
    [Id(3)] public string OsVersion { get; set; } = "";
    [Id(4)] public DateTimeOffset RegisteredAt { get; set; }
    [Id(5)] public int Generation { get; set; }
    [Id(6)] public DateTimeOffset? RevokedAt { get; set; }
}
