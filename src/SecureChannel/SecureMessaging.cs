using System.Security.Cryptography;

namespace WalletGateway.SecureChannel;

/// <summary>
/// The secure-messaging arithmetic both sides share once the handshake is done: C-MAC, C-DEC, R-MAC and R-ENC
/// with the session keys held as AES objects. Zeroes its key copies when disposed.
/// </summary>
internal sealed class SecureMessaging : IDisposable
{
    private readonly Aes _enc;
    private readonly Aes _mac;
    private readonly Aes _rmac;
    private readonly byte[] _encKey;
    private readonly byte[] _macKey;
    private readonly byte[] _rmacKey;

    public SecureMessaging(SessionKeys keys)
    {
        _encKey = (byte[])keys.Enc.Clone();
        _macKey = (byte[])keys.Mac.Clone();
        _rmacKey = (byte[])keys.Rmac.Clone();
        _enc = CreateAes(_encKey);
        _mac = CreateAes(_macKey);
        _rmac = CreateAes(_rmacKey);
    }

    /// <summary>
    /// The full 16-byte CMAC(S-MAC, chain ‖ CLA INS P1 P2 ‖ Lc ‖ data) of a command as sent, where Lc counts the data
    /// and the 8 MAC bytes that follow it; its first 8 bytes go on the wire, all 16 are the next chain value.
    /// </summary>
    public byte[] CommandMac(ReadOnlySpan<byte> chain, byte cla, byte ins, byte p1, byte p2, ReadOnlySpan<byte> data)
    {
        var input = new byte[chain.Length + 5 + data.Length];
        chain.CopyTo(input);
        int offset = chain.Length;
        input[offset] = cla;
        input[offset + 1] = ins;
        input[offset + 2] = p1;
        input[offset + 3] = p2;
        input[offset + 4] = (byte)(data.Length + Scp03.S8);
        data.CopyTo(input.AsSpan(offset + 5));
        return AesCmac.Compute(_mac, input);
    }

    /// <summary>The full C-MAC of EXTERNAL AUTHENTICATE at <paramref name="level"/>: the chain starts from 16×<c>00</c>.</summary>
    public byte[] ExternalAuthenticateMac(byte level, ReadOnlySpan<byte> hostCryptogram) =>
        CommandMac(new byte[16], ClassBytes.GlobalPlatformSecured, Instructions.ExternalAuthenticate, level, 0x00, hostCryptogram);

    /// <summary>The 8-byte R-MAC: CMAC(S-RMAC, chain ‖ data as sent ‖ SW1 SW2) cut to 8.</summary>
    public byte[] ResponseMac(ReadOnlySpan<byte> chain, ReadOnlySpan<byte> data, ushort statusWord)
    {
        byte[] input = [.. chain, .. ResponseApdu.Encode(data, statusWord)];
        return AesCmac.Compute(_rmac, input).AsSpan(0, Scp03.S8).ToArray();
    }

    public byte[] EncryptCommand(long counter, ReadOnlySpan<byte> plaintext) =>
        _enc.EncryptCbc(Pad80.Pad(plaintext), Icv(counter, response: false), PaddingMode.None);

    public bool TryDecryptCommand(long counter, ReadOnlySpan<byte> ciphertext, out byte[] plaintext) =>
        TryDecrypt(Icv(counter, response: false), ciphertext, out plaintext);

    public byte[] EncryptResponse(long counter, ReadOnlySpan<byte> plaintext) =>
        _enc.EncryptCbc(Pad80.Pad(plaintext), Icv(counter, response: true), PaddingMode.None);

    public bool TryDecryptResponse(long counter, ReadOnlySpan<byte> ciphertext, out byte[] plaintext) =>
        TryDecrypt(Icv(counter, response: true), ciphertext, out plaintext);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_encKey);
        CryptographicOperations.ZeroMemory(_macKey);
        CryptographicOperations.ZeroMemory(_rmacKey);
        _enc.Dispose();
        _mac.Dispose();
        _rmac.Dispose();
    }

    private bool TryDecrypt(byte[] icv, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        plaintext = [];
        if (!Pad80.IsWholeBlocks(ciphertext))
        {
            return false;
        }

        var padded = _enc.DecryptCbc(ciphertext, icv, PaddingMode.None);
        if (!Pad80.TryUnpad(padded, out int length))
        {
            CryptographicOperations.ZeroMemory(padded);
            return false;
        }

        plaintext = padded.AsSpan(0, length).ToArray();
        CryptographicOperations.ZeroMemory(padded);
        return true;
    }

    private byte[] Icv(long counter, bool response)
    {
        var block = new byte[16];
        for (int i = 0; i < 8; i++)
        {
            block[15 - i] = (byte)(counter >> (8 * i));
        }

        if (response)
        {
            block[0] = 0x80;
        }

        return _enc.EncryptEcb(block, PaddingMode.None);
    }

    private static Aes CreateAes(byte[] key)
    {
        var aes = Aes.Create();
        aes.Key = key;
        return aes;
    }
}
