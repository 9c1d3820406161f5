using System.Diagnostics.CodeAnalysis;

namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>
/// The device bearer token: <c>{deviceId}.{secret}</c>. The id part routes the check to the device's
/// grain; only the secret's hash is stored there.
/// </summary>
public static class DeviceToken
{
    public static string Format(string deviceId, string secret) => $"{deviceId}.{secret}";

    /// <summary>Splits a token; false when it cannot be one (the caller answers 401).</summary>
    public static bool TryParse(string? token, [NotNullWhen(true)] out string? deviceId, [NotNullWhen(true)] out string? secret)
    {
        deviceId = secret = null;
        var dot = token?.IndexOf('.') ?? -1;
        if (token is null || dot != 32 || token.Length > 128 || !IsDeviceId(token.AsSpan(0, dot)))
        {
            return false;
        }

        deviceId = token[..dot];
        secret = token[(dot + 1)..];
        return secret.Length > 0;
    }

    public static string NewDeviceId() => Guid.NewGuid().ToString("N");

    public static bool IsDeviceId(ReadOnlySpan<char> id) => id.Length == 32 && !id.ContainsAnyExcept("0123456789abcdef");
}
