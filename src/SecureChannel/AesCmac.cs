using System.Security.Cryptography;

namespace WalletGateway.SecureChannel;

/// <summary>AES-CMAC of NIST SP 800-38B / RFC 4493 with a 16-byte output.</summary>
public static class AesCmac
{
    private const int BlockSize = 16;

    /// <summary>Computes the 16-byte CMAC of <paramref name="data"/> under an AES-128 or AES-256 key.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        if (key.Length is not (16 or 32))
        {
            throw new ArgumentException("AES-CMAC needs a 16- or 32-byte key.", nameof(key));
        }

        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        return Compute(aes, data);
    }

    internal static byte[] Compute(Aes aes, ReadOnlySpan<byte> data)
    {
        Span<byte> l = stackalloc byte[BlockSize];
        aes.EncryptEcb(new byte[BlockSize], l, PaddingMode.None);
        Span<byte> k1 = stackalloc byte[BlockSize];
        Span<byte> k2 = stackalloc byte[BlockSize];
        DoubleInField(l, k1);
        DoubleInField(k1, k2);

        int blocks = Math.Max(1, (data.Length + BlockSize - 1) / BlockSize);
        bool lastComplete = data.Length > 0 && data.Length % BlockSize == 0;

        Span<byte> x = stackalloc byte[BlockSize];
        Span<byte> y = stackalloc byte[BlockSize];
        for (int i = 0; i < blocks - 1; i++)
        {
            Xor(x, data.Slice(i * BlockSize, BlockSize), y);
            aes.EncryptEcb(y, x, PaddingMode.None);
        }

        Span<byte> last = stackalloc byte[BlockSize];
        last.Clear();
        ReadOnlySpan<byte> tail = data[((blocks - 1) * BlockSize)..];
        tail.CopyTo(last);
        if (lastComplete)
        {
            Xor(last, k1, last);
        }
        else
        {
            last[tail.Length] = 0x80;
            Xor(last, k2, last);
        }

        Xor(x, last, y);
        var mac = new byte[BlockSize];
        aes.EncryptEcb(y, mac, PaddingMode.None);
        CryptographicOperations.ZeroMemory(l);
        CryptographicOperations.ZeroMemory(k1);
        CryptographicOperations.ZeroMemory(k2);
        return mac;
    }

    private static void DoubleInField(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int carry = 0;
        for (int i = BlockSize - 1; i >= 0; i--)
        {
            int b = input[i];
            output[i] = (byte)((b << 1) | carry);
            carry = b >> 7;
        }

        if ((input[0] & 0x80) != 0)
        {
            output[BlockSize - 1] ^= 0x87;
        }
    }

    private static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result)
    {
        for (int i = 0; i < BlockSize; i++)
        {
            result[i] = (byte)(a[i] ^ b[i]);
        }
    }
}
