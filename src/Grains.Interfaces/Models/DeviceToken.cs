using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>
/// The device bearer token: <c>{deviceId}.{generation}.{mac}</c>, the mac being HMAC-SHA256 under the server's token
/// key over <c>{deviceId}|{generation}</c> (base64url). The frontend checks the mac without a grain call or a storage
/// read; only a token with a genuine mac reaches the device's grain, which knows whether that generation is current.
/// </summary>
public static class DeviceToken
{
    private const int MacLength = 43; // 32 bytes in base64url, unpadded

    public static string Format(string deviceId, int generation, byte[] key) =>
        $"{deviceId}.{generation.ToString(CultureInfo.InvariantCulture)}.{Base64Url.EncodeToString(Mac(key, deviceId, generation))}";

    /// <summary>True when <paramref name="token"/> carries a mac made with <paramref name="key"/>; false answers 401 at once.</summary>
    public static bool TryVerify(string? token, byte[] key, [NotNullWhen(true)] out string? deviceId, out int generation)
    {
        deviceId = null;
        generation = 0;
        if (token is null || token.Length > 128)
        {
            return false;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || !IsDeviceId(parts[0]) || parts[1].Length is 0 or > 9 || parts[1].AsSpan().ContainsAnyExcept("0123456789")
            || parts[2].Length != MacLength)
        {
            return false;
        }

        var presented = new byte[32];
        if (!Base64Url.TryDecodeFromChars(parts[2], presented, out var written) || written != presented.Length)
        {
            return false;
        }

        var candidate = int.Parse(parts[1], CultureInfo.InvariantCulture);
        if (!CryptographicOperations.FixedTimeEquals(presented, Mac(key, parts[0], candidate)))
        {
            return false;
        }

        deviceId = parts[0];
        generation = candidate;
        return true;
    }

    public static string NewDeviceId() => Guid.NewGuid().ToString("N");

    public static bool IsDeviceId(ReadOnlySpan<char> id) => id.Length == 32 && !id.ContainsAnyExcept("0123456789abcdef");

    private static byte[] Mac(byte[] key, string deviceId, int generation) =>
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{deviceId}|{generation.ToString(CultureInfo.InvariantCulture)}"));
}
