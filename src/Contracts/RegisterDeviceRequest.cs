namespace WalletGateway.Contracts;

/// <summary>
/// Body of <c>POST /v1/devices</c>. Request members are nullable so that a missing field is a clear 400 from the
/// gateway's validation rather than a default value; unknown fields are ignored.
/// </summary>
/// <param name="Model">The phone model, at most 100 printable characters.</param>
/// <param name="OsVersion">The phone's OS version, at most 100 printable characters.</param>
public sealed record RegisterDeviceRequest(string? Model, string? OsVersion);
