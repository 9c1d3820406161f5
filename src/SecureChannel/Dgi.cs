namespace WalletGateway.SecureChannel;

/// <summary>
/// A data grouping identifier record of the EMV CPS / GlobalPlatform STORE DATA format: tag(2) ‖ length ‖ value,
/// the length one byte, or <c>FF</c> ‖ 2 bytes when it is 255 or more.
/// </summary>
public sealed record Dgi(ushort Tag, byte[] Value)
{
    /// <summary>DGIs <c>8000</c>–<c>8FFF</c> carry values encrypted under the static Key-DEK.</summary>
    public bool IsEncrypted => IsEncryptedTag(Tag);

    public static bool IsEncryptedTag(ushort tag) => tag is >= 0x8000 and <= 0x8FFF;

    /// <summary>Tag ‖ length ‖ value.</summary>
    public byte[] Encode()
    {
        var header = EncodeHeader(Tag, Value.Length);
        return [.. header, .. Value];
    }

    /// <summary>Tag ‖ length, the length coded in 1 byte, or <c>FF</c> ‖ 2 bytes from 255 on.</summary>
    public static byte[] EncodeHeader(ushort tag, int length)
    {
        if (length is < 0 or > 0xFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        return length < 0xFF
            ? [(byte)(tag >> 8), (byte)tag, (byte)length]
            : [(byte)(tag >> 8), (byte)tag, 0xFF, (byte)(length >> 8), (byte)length];
    }

    /// <summary>Parses a whole sequence of DGIs; throws <see cref="FormatException"/> on a truncated one.</summary>
    public static IReadOnlyList<Dgi> ParseAll(ReadOnlySpan<byte> data)
    {
        var reader = new DgiStreamReader();
        var result = reader.Append(data, out _);
        if (!reader.IsAtBoundary)
        {
            throw new FormatException("Truncated DGI.");
        }

        return result;
    }
}
