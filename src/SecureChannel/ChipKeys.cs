using System.Security.Cryptography;

namespace WalletGateway.SecureChannel;

/// <summary>A chip's static SCP03 key set (Key-ENC, Key-MAC, Key-DEK), AES-128, key version <see cref="KeyVersion"/>.</summary>
public sealed record ChipKeys(byte[] Enc, byte[] Mac, byte[] Dek)
{
    /// <summary>The key version number (KVN) of the profile.</summary>
    public const byte KeyVersion = 0x30;

    /// <summary>Length of the key diversification data (the chip id).</summary>
    public const int KddLength = 10;

    /// <summary>
    /// KDF3 diversification as GlobalPlatformPro does it: key_x = CMAC(master, counter ‖ 000000 ‖ x ‖ 00 ‖ KDD),
    /// as many counter blocks as the master key is long, cut to 16 bytes.
    /// </summary>
    public static ChipKeys Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> kdd)
    {
        if (kdd.Length != KddLength)
        {
            throw new ArgumentException("The KDD is 10 bytes.", nameof(kdd));
        }

        return new ChipKeys(
            DiversifyFull(masterKey, 0x01, kdd).AsSpan(0, 16).ToArray(),
            DiversifyFull(masterKey, 0x02, kdd).AsSpan(0, 16).ToArray(),
            DiversifyFull(masterKey, 0x03, kdd).AsSpan(0, 16).ToArray());
    }

    /// <summary>KDF3 with an output as long as the master key (16 or 32 bytes).</summary>
    public static byte[] DiversifyFull(ReadOnlySpan<byte> masterKey, byte keyType, ReadOnlySpan<byte> kdd)
    {
        Span<byte> input = stackalloc byte[6 + kdd.Length];
        input.Clear();
        input[4] = keyType;
        kdd.CopyTo(input[6..]);
        return Scp03Kdf.CounterMode(masterKey, input, counterOffset: 0, masterKey.Length);
    }

    /// <summary>The key check value: the first 3 bytes of AES-ECB(key, 16×<c>01</c>).</summary>
    public static byte[] CheckValue(ReadOnlySpan<byte> key)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        Span<byte> ones = stackalloc byte[16];
        ones.Fill(0x01);
        var block = aes.EncryptEcb(ones, PaddingMode.None);
        return block.AsSpan(0, 3).ToArray();
    }
}
