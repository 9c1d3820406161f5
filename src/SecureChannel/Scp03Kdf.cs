using System.Security.Cryptography;

namespace WalletGateway.SecureChannel;

/// <summary>The SCP03 key derivation: NIST SP 800-108 counter mode with AES-CMAC as PRF.</summary>
public static class Scp03Kdf
{
    /// <summary>Derivation constant of the card cryptogram.</summary>
    public const byte CardCryptogram = 0x00;

    /// <summary>Derivation constant of the host cryptogram.</summary>
    public const byte HostCryptogram = 0x01;

    /// <summary>Derivation constant of the pseudo-random card challenge.</summary>
    public const byte CardChallenge = 0x02;

    /// <summary>Derivation constant of S-ENC.</summary>
    public const byte SessionEnc = 0x04;

    /// <summary>Derivation constant of S-MAC.</summary>
    public const byte SessionMac = 0x06;

    /// <summary>Derivation constant of S-RMAC.</summary>
    public const byte SessionRmac = 0x07;

    /// <summary>
    /// Derives <paramref name="lengthBits"/> bits: CMAC(K, 00×11 ‖ constant ‖ 00 ‖ L ‖ counter ‖ context) for counter 1, 2, ….
    /// </summary>
    public static byte[] Derive(ReadOnlySpan<byte> key, byte constant, int lengthBits, ReadOnlySpan<byte> context)
    {
        if (lengthBits <= 0 || lengthBits % 8 != 0 || lengthBits > 0xFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthBits));
        }

        var input = new byte[16 + context.Length];
        input[11] = constant;
        input[13] = (byte)(lengthBits >> 8);
        input[14] = (byte)lengthBits;
        context.CopyTo(input.AsSpan(16));
        return CounterMode(key, input, counterOffset: 15, lengthBits / 8);
    }

    /// <summary>
    /// NIST SP 800-108 counter mode with AES-CMAC: CMAC(K, input) with the counter byte at <paramref name="counterOffset"/>
    /// set to 1, 2, …, the blocks concatenated and cut to <paramref name="length"/> bytes.
    /// </summary>
    internal static byte[] CounterMode(ReadOnlySpan<byte> key, Span<byte> input, int counterOffset, int length)
    {
        var output = new byte[length];
        for (int offset = 0, counter = 1; offset < length; offset += 16, counter++)
        {
            input[counterOffset] = (byte)counter;
            var block = AesCmac.Compute(key, input);
            block.AsSpan(0, Math.Min(16, length - offset)).CopyTo(output.AsSpan(offset));
            CryptographicOperations.ZeroMemory(block);
        }

        return output;
    }
}
