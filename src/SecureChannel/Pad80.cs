namespace WalletGateway.SecureChannel;

/// <summary>ISO/IEC 9797-1 method 2 padding to the AES block size: <c>80</c> then <c>00</c>s.</summary>
public static class Pad80
{
    private const int BlockSize = 16;

    /// <summary>Appends <c>80</c> and zeros up to a multiple of 16; always adds at least one byte.</summary>
    public static byte[] Pad(ReadOnlySpan<byte> data)
    {
        var padded = new byte[((data.Length / BlockSize) + 1) * BlockSize];
        data.CopyTo(padded);
        padded[data.Length] = 0x80;
        return padded;
    }

    /// <summary>Removes the padding; false when the input is not a whole number of blocks padded with <c>80 00…</c>.</summary>
    public static bool TryUnpad(ReadOnlySpan<byte> padded, out int length)
    {
        length = 0;
        if (!IsWholeBlocks(padded))
        {
            return false;
        }

        int i = padded.Length - 1;
        int limit = padded.Length - BlockSize;
        while (i >= limit && padded[i] == 0x00)
        {
            i--;
        }

        if (i < limit || padded[i] != 0x80)
        {
            return false;
        }

        length = i;
        return true;
    }

    /// <summary>True when <paramref name="data"/> is one or more whole AES blocks: the only input AES-CBC without padding takes.</summary>
    internal static bool IsWholeBlocks(ReadOnlySpan<byte> data) => data.Length > 0 && data.Length % BlockSize == 0;
}
