namespace WalletGateway.SecureChannel;

/// <summary>Constants of the project's SCP03 profile (<c>docs/scp03.md</c>).</summary>
public static class Scp03
{
    /// <summary>The SCP identifier in the INITIALIZE UPDATE response.</summary>
    public const byte ScpIdentifier = 0x03;

    /// <summary>i = <c>70</c>: pseudo-random card challenge, R-MAC and R-ENC supported.</summary>
    public const byte IParameter = 0x70;

    /// <summary>C-MAC.</summary>
    public const byte CMac = 0x01;

    /// <summary>C-DECRYPTION.</summary>
    public const byte CDecryption = 0x02;

    /// <summary>R-MAC.</summary>
    public const byte RMac = 0x10;

    /// <summary>R-ENCRYPTION.</summary>
    public const byte REncryption = 0x20;

    /// <summary>The profile's security level: C-MAC, C-DECRYPTION, R-MAC, R-ENCRYPTION.</summary>
    public const byte SecurityLevel = 0x33;

    /// <summary>Length of challenges, cryptograms and MACs in mode S8.</summary>
    public const int S8 = 8;

    /// <summary>The Issuer Security Domain AID.</summary>
    public static ReadOnlySpan<byte> IsdAid => [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00, 0x00];

    /// <summary>The payment applet AID.</summary>
    public static ReadOnlySpan<byte> PaymentAppletAid => [0xA0, 0x00, 0x00, 0x00, 0x03, 0x10, 0x10, 0xAA];

    /// <summary>True for a level this implementation can run: one of the levels of Amendment D that include C-MAC.</summary>
    public static bool IsValidSecurityLevel(byte level) => level is 0x01 or 0x03 or 0x11 or 0x13 or 0x33;

    /// <summary>The pseudo-random card challenge: KDF(Key-ENC, <c>02</c>, 64 bits, sequence counter(3) ‖ AID).</summary>
    public static byte[] PseudoRandomCardChallenge(ReadOnlySpan<byte> staticEnc, int sequenceCounter, ReadOnlySpan<byte> aid)
    {
        Span<byte> context = stackalloc byte[3 + aid.Length];
        WriteCounter(sequenceCounter, context);
        aid.CopyTo(context[3..]);
        return Scp03Kdf.Derive(staticEnc, Scp03Kdf.CardChallenge, 64, context);
    }

    internal static void WriteCounter(int sequenceCounter, Span<byte> destination)
    {
        destination[0] = (byte)(sequenceCounter >> 16);
        destination[1] = (byte)(sequenceCounter >> 8);
        destination[2] = (byte)sequenceCounter;
    }

    internal static int ReadCounter(ReadOnlySpan<byte> source) => (source[0] << 16) | (source[1] << 8) | source[2];
}
