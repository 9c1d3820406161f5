using System.Security.Cryptography;

namespace WalletGateway.SecureChannel;

/// <summary>The SCP03 session keys of one handshake, and the two cryptograms derived from them.</summary>
public sealed class SessionKeys : IDisposable
{
    private SessionKeys(byte[] enc, byte[] mac, byte[] rmac)
    {
        Enc = enc;
        Mac = mac;
        Rmac = rmac;
    }

    /// <summary>S-ENC.</summary>
    public byte[] Enc { get; }

    /// <summary>S-MAC.</summary>
    public byte[] Mac { get; }

    /// <summary>S-RMAC.</summary>
    public byte[] Rmac { get; }

    /// <summary>Derives S-ENC, S-MAC and S-RMAC from the static keys and the two challenges.</summary>
    public static SessionKeys Derive(ChipKeys keys, ReadOnlySpan<byte> hostChallenge, ReadOnlySpan<byte> cardChallenge)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var context = Context(hostChallenge, cardChallenge);
        return new SessionKeys(
            Scp03Kdf.Derive(keys.Enc, Scp03Kdf.SessionEnc, 128, context),
            Scp03Kdf.Derive(keys.Mac, Scp03Kdf.SessionMac, 128, context),
            Scp03Kdf.Derive(keys.Mac, Scp03Kdf.SessionRmac, 128, context));
    }

    /// <summary>The card cryptogram: KDF(S-MAC, <c>00</c>, 64 bits, host challenge ‖ card challenge).</summary>
    public byte[] CardCryptogram(ReadOnlySpan<byte> hostChallenge, ReadOnlySpan<byte> cardChallenge) =>
        Cryptogram(Scp03Kdf.CardCryptogram, hostChallenge, cardChallenge);

    /// <summary>The host cryptogram: KDF(S-MAC, <c>01</c>, 64 bits, host challenge ‖ card challenge).</summary>
    public byte[] HostCryptogram(ReadOnlySpan<byte> hostChallenge, ReadOnlySpan<byte> cardChallenge) =>
        Cryptogram(Scp03Kdf.HostCryptogram, hostChallenge, cardChallenge);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Enc);
        CryptographicOperations.ZeroMemory(Mac);
        CryptographicOperations.ZeroMemory(Rmac);
    }

    private byte[] Cryptogram(byte constant, ReadOnlySpan<byte> hostChallenge, ReadOnlySpan<byte> cardChallenge) =>
        Scp03Kdf.Derive(Mac, constant, 64, Context(hostChallenge, cardChallenge));

    /// <summary>The KDF context of a handshake: host challenge ‖ card challenge.</summary>
    private static byte[] Context(ReadOnlySpan<byte> hostChallenge, ReadOnlySpan<byte> cardChallenge) => [.. hostChallenge, .. cardChallenge];
}
