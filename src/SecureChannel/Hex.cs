using System.Diagnostics.CodeAnalysis;

namespace WalletGateway.SecureChannel;

/// <summary>Hex strings as the terminal protocol uses them: either case in, uppercase out.</summary>
public static class Hex
{
    /// <summary>Parses hex digits of either case; throws <see cref="FormatException"/> on an odd length or a bad digit.</summary>
    public static byte[] Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return TryParse(hex, out var bytes) ? bytes : throw new FormatException("Not an even-length hex string.");
    }

    /// <summary>Parses hex digits of either case; false on null, an odd length or a bad digit.</summary>
    public static bool TryParse([NotNullWhen(true)] string? hex, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (hex is null || hex.Length % 2 != 0)
        {
            return false;
        }

        var result = new byte[hex.Length / 2];
        for (int i = 0; i < result.Length; i++)
        {
            int high = Digit(hex[2 * i]);
            int low = Digit(hex[(2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return false;
            }

            result[i] = (byte)((high << 4) | low);
        }

        bytes = result;
        return true;
    }

    /// <summary>Formats bytes as uppercase hex digits.</summary>
    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
