using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace WalletGateway.SecureChannel;

/// <summary>
/// The card side of one SCP03 session (mode S8, i = <c>70</c>), opened by INITIALIZE UPDATE: verifies EXTERNAL
/// AUTHENTICATE, unwraps commands (C-MAC, C-DEC) and wraps responses (R-ENC, R-MAC). A failed check closes it
/// for good; the caller answers the status word the method returns.
/// </summary>
public sealed class CardSecureChannel : IDisposable
{
    private readonly byte[] _hostChallenge;
    private readonly byte[] _cardChallenge;
    private readonly byte[] _hostCryptogram;
    private readonly SecureMessaging _messaging;
    private byte[] _chain = new byte[16];
    private long _counter;
    private bool _closed;

    private CardSecureChannel(SessionKeys keys, byte[] hostChallenge, byte[] cardChallenge, byte[] responseData)
    {
        _hostChallenge = hostChallenge;
        _cardChallenge = cardChallenge;
        _hostCryptogram = keys.HostCryptogram(hostChallenge, cardChallenge);
        _messaging = new SecureMessaging(keys);
        InitializeUpdateResponseData = responseData;
    }

    /// <summary>KDD ‖ KVN ‖ <c>03</c> ‖ i ‖ card challenge ‖ card cryptogram ‖ sequence counter: the INITIALIZE UPDATE response data.</summary>
    public byte[] InitializeUpdateResponseData { get; }

    /// <summary>The level EXTERNAL AUTHENTICATE set; 0 before.</summary>
    public byte SecurityLevel { get; private set; }

    public bool IsOpen => !_closed;

    public bool IsAuthenticated => SecurityLevel != 0 && !_closed;

    /// <summary>Opens a session for an INITIALIZE UPDATE with the given host challenge.</summary>
    public static CardSecureChannel Open(
        ChipKeys keys, ReadOnlySpan<byte> kdd, ReadOnlySpan<byte> hostChallenge, ReadOnlySpan<byte> cardChallenge, int sequenceCounter)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (kdd.Length != ChipKeys.KddLength || hostChallenge.Length != Scp03.S8 || cardChallenge.Length != Scp03.S8)
        {
            throw new ArgumentException("KDD is 10 bytes, challenges are 8.");
        }

        using var sessionKeys = SessionKeys.Derive(keys, hostChallenge, cardChallenge);
        var cryptogram = sessionKeys.CardCryptogram(hostChallenge, cardChallenge);
        var data = InitializeUpdateResponse.Encode(kdd, cardChallenge, cryptogram, sequenceCounter);
        return new CardSecureChannel(sessionKeys, hostChallenge.ToArray(), cardChallenge.ToArray(), data);
    }

    /// <summary>
    /// Verifies EXTERNAL AUTHENTICATE (<c>84 82 level 00 10 ‖ host cryptogram ‖ C-MAC</c>) and returns the bare status
    /// word to answer: <c>9000</c>, or <c>6300</c> for a wrong cryptogram or MAC (the caller counts it), or another
    /// error. Anything but <c>9000</c> closes the channel.
    /// </summary>
    public ushort Authenticate(CommandApdu command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_closed || SecurityLevel != 0)
        {
            Close();
            return StatusWords.ConditionsNotSatisfied;
        }

        if (command.Cla != ClassBytes.GlobalPlatformSecured || command.P2 != 0x00)
        {
            Close();
            return StatusWords.IncorrectP1P2;
        }

        if (command.Data.Length != 2 * Scp03.S8)
        {
            Close();
            return StatusWords.WrongLength;
        }

        if (!Scp03.IsValidSecurityLevel(command.P1))
        {
            Close();
            return StatusWords.IncorrectP1P2;
        }

        var cryptogram = command.Data.AsSpan(0, Scp03.S8);
        var mac = _messaging.ExternalAuthenticateMac(command.P1, cryptogram);
        bool macOk = CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, Scp03.S8), command.Data.AsSpan(Scp03.S8));
        bool cryptogramOk = CryptographicOperations.FixedTimeEquals(cryptogram, _hostCryptogram);
        if (!(macOk & cryptogramOk))
        {
            Close();
            return StatusWords.AuthenticationFailed;
        }

        _chain = mac;
        SecurityLevel = command.P1;
        return StatusWords.Success;
    }

    /// <summary>
    /// Checks the C-MAC of a wrapped command and decrypts its data. False (and the channel closed) on a missing or
    /// wrong C-MAC or bad padding: the caller answers <c>6982</c>.
    /// </summary>
    public bool TryUnwrap(CommandApdu command, [NotNullWhen(true)] out CommandApdu? plain)
    {
        ArgumentNullException.ThrowIfNull(command);
        plain = null;
        if (!IsAuthenticated || (command.Cla & ClassBytes.SecureMessaging) == 0 || command.Data.Length < Scp03.S8)
        {
            Close();
            return false;
        }

        var body = command.Data.AsSpan(0, command.Data.Length - Scp03.S8);
        var mac = _messaging.CommandMac(_chain, command.Cla, command.Ins, command.P1, command.P2, body);
        if (!CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, Scp03.S8), command.Data.AsSpan(body.Length)))
        {
            Close();
            return false;
        }

        _chain = mac;
        _counter++;
        byte[] data = body.ToArray();
        if ((SecurityLevel & Scp03.CDecryption) != 0 && data.Length > 0)
        {
            if (!_messaging.TryDecryptCommand(_counter, data, out var decrypted))
            {
                Close();
                return false;
            }

            data = decrypted;
        }

        plain = new CommandApdu((byte)(command.Cla & ~ClassBytes.SecureMessaging), command.Ins, command.P1, command.P2, data, command.Ne);
        return true;
    }

    /// <summary>
    /// Wraps the response to the last unwrapped command: R-ENC then R-MAC at the session's level. An error status
    /// word (not <c>9000</c>, <c>62xx</c>, <c>63xx</c>) goes out bare and closes the channel.
    /// </summary>
    public byte[] WrapResponse(ReadOnlySpan<byte> data, ushort statusWord)
    {
        if (!ResponseApdu.IsNormalOrWarningStatus(statusWord) || !IsAuthenticated)
        {
            Close();
            return ResponseApdu.Encode(default, statusWord);
        }

        byte[] body = data.ToArray();
        if ((SecurityLevel & Scp03.REncryption) != 0 && body.Length > 0)
        {
            body = _messaging.EncryptResponse(_counter, body);
        }

        if ((SecurityLevel & Scp03.RMac) != 0)
        {
            var mac = _messaging.ResponseMac(_chain, body, statusWord);
            body = [.. body, .. mac];
        }

        return ResponseApdu.Encode(body, statusWord);
    }

    /// <summary>Closes the channel and zeroes the session keys.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _messaging.Dispose();
        CryptographicOperations.ZeroMemory(_chain);
        CryptographicOperations.ZeroMemory(_hostCryptogram);
        CryptographicOperations.ZeroMemory(_hostChallenge);
        CryptographicOperations.ZeroMemory(_cardChallenge);
    }

    public void Dispose() => Close();
}
