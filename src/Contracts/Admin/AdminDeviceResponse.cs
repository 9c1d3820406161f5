namespace WalletGateway.Contracts.Admin;

/// <summary>A registered device: what it said of itself at registration, whether the operator revoked it, and how many sessions it has open now.</summary>
public sealed record AdminDeviceResponse(
    string DeviceId, string Model, string OsVersion, DateTimeOffset RegisteredAt, DateTimeOffset? RevokedAt, int OpenSessions);
