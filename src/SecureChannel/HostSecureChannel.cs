using System.Security.Cryptography;

namespace WalletGateway.SecureChannel;

/// <summary>
/// The host side of SCP03 (mode S8, i = <c>70</c>): builds INITIALIZE UPDATE, checks the card cryptogram, builds
/// EXTERNAL AUTHENTICATE, then wraps commands and verifies responses. Any failed check closes the channel and
/// throws <see cref="SecureChannelException"/>.
/// </summary>
public sealed class HostSecureChannel : IDisposable
{
    private readonly ChipKeys _keys;
    private readonly byte[] _expectedKdd;
    private readonly byte[] _hostChallenge;
    private readonly byte _securityLevel;
    private SecureMessaging? _messaging;
    private byte[] _chain = new byte[16];
    private long _counter;
    private bool _authenticated;
    private bool _closed;

    /// <param name="keys">The chip's static keys.</param>
    /// <param name="expectedKdd">The KDD the chip must echo in its INITIALIZE UPDATE response.</param>
    /// <param name="hostChallenge">8 bytes; random when null.</param>
    /// <param name="securityLevel">The level of EXTERNAL AUTHENTICATE; <c>33</c> in the profile.</param>
    public HostSecureChannel(ChipKeys keys, ReadOnlySpan<byte> expectedKdd, byte[]? hostChallenge = null, byte securityLevel = Scp03.SecurityLevel)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (hostChallenge is not null && hostChallenge.Length != Scp03.S8)
        {
            throw new ArgumentException("The host challenge is 8 bytes.", nameof(hostChallenge));
        }

        if (!Scp03.IsValidSecurityLevel(securityLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(securityLevel));
        }

        _keys = keys;
        _expectedKdd = expectedKdd.ToArray();
        _hostChallenge = hostChallenge is null ? RandomNumberGenerator.GetBytes(Scp03.S8) : (byte[])hostChallenge.Clone();
        _securityLevel = securityLevel;
    }

    public ReadOnlySpan<byte> HostChallenge => _hostChallenge;

    /// <summary>
    /// Whether to check that the card challenge is KDF(Key-ENC, <c>02</c>, sequence counter ‖ ISD AID) (i = <c>70</c>),
    /// which also authenticates the sequence counter the card reports. On by default.
    /// </summary>
    public bool VerifyCardChallenge { get; init; } = true;

    public byte SecurityLevel => _securityLevel;

    /// <summary>True between a verified INITIALIZE UPDATE response and a failure or <see cref="Close"/>.</summary>
    public bool IsOpen => _messaging is not null && !_closed;

    /// <summary>True once the card accepted EXTERNAL AUTHENTICATE. Commands may be wrapped before (batching), right after <see cref="Authenticate"/>.</summary>
    public bool IsAuthenticated => _authenticated && IsOpen;

    /// <summary><c>80 50 30 00 08 ‖ host challenge ‖ 00</c>.</summary>
    public CommandApdu InitializeUpdate() => new(0x80, 0x50, ChipKeys.KeyVersion, 0x00, _hostChallenge, 256);

    /// <summary>Checks the INITIALIZE UPDATE response (KDD, key version, SCP, card cryptogram) and returns EXTERNAL AUTHENTICATE.</summary>
    public CommandApdu Authenticate(ResponseApdu initializeUpdateResponse)
    {
        ArgumentNullException.ThrowIfNull(initializeUpdateResponse);
        if (_closed || _messaging is not null)
        {
            throw new InvalidOperationException("INITIALIZE UPDATE was already answered on this channel.");
        }

        var data = initializeUpdateResponse.Data;
        if (!initializeUpdateResponse.IsSuccess)
        {
            throw Fail($"INITIALIZE UPDATE answered {initializeUpdateResponse.StatusWord:X4}.");
        }

        if (data.Length != 32)
        {
            throw Fail("INITIALIZE UPDATE response is not 32 bytes.");
        }

        if (!CryptographicOperations.FixedTimeEquals(data.AsSpan(0, 10), _expectedKdd))
        {
            throw Fail("INITIALIZE UPDATE response is from another chip (KDD).");
        }

        if (data[10] != ChipKeys.KeyVersion || data[11] != Scp03.ScpIdentifier || data[12] != Scp03.IParameter)
        {
            throw Fail("INITIALIZE UPDATE response has another key version, SCP or i parameter.");
        }

        var cardChallenge = data.AsSpan(13, 8);
        if (VerifyCardChallenge)
        {
            int sequenceCounter = (data[29] << 16) | (data[30] << 8) | data[31];
            var expectedChallenge = Scp03.PseudoRandomCardChallenge(_keys.Enc, sequenceCounter, Scp03.IsdAid);
            if (!CryptographicOperations.FixedTimeEquals(expectedChallenge, cardChallenge))
            {
                throw Fail("Card challenge is not the pseudo-random one of its sequence counter.");
            }
        }

        var sessionKeys = SessionKeys.Derive(_keys, _hostChallenge, cardChallenge);
        try
        {
            var expected = sessionKeys.CardCryptogram(_hostChallenge, cardChallenge);
            if (!CryptographicOperations.FixedTimeEquals(expected, data.AsSpan(21, 8)))
            {
                throw Fail("Card cryptogram does not verify.");
            }

            var hostCryptogram = sessionKeys.HostCryptogram(_hostChallenge, cardChallenge);
            _messaging = new SecureMessaging(sessionKeys);
            const byte cla = 0x84, ins = 0x82, p2 = 0x00, lc = 0x10;
            var mac = _messaging.CommandMac(new byte[16], cla, ins, _securityLevel, p2, lc, hostCryptogram);
            _chain = mac;
            return new CommandApdu(cla, ins, _securityLevel, p2, [.. hostCryptogram, .. mac.AsSpan(0, Scp03.S8)]);
        }
        finally
        {
            sessionKeys.Dispose();
        }
    }

    /// <summary>Checks the EXTERNAL AUTHENTICATE response: a bare <c>9000</c>.</summary>
    public void CompleteAuthentication(ResponseApdu externalAuthenticateResponse)
    {
        ArgumentNullException.ThrowIfNull(externalAuthenticateResponse);
        EnsureOpen();
        if (_authenticated)
        {
            throw new InvalidOperationException("EXTERNAL AUTHENTICATE was already answered.");
        }

        if (!externalAuthenticateResponse.IsSuccess || externalAuthenticateResponse.Data.Length != 0)
        {
            throw Fail($"EXTERNAL AUTHENTICATE answered {externalAuthenticateResponse.StatusWord:X4}.");
        }

        _authenticated = true;
    }

    /// <summary>
    /// Wraps a command at the session's level (C-DEC then C-MAC) and advances counter and chain. Allowed as soon as
    /// EXTERNAL AUTHENTICATE is built, so that a batch can carry it and the commands after it.
    /// </summary>
    public WrappedCommand Wrap(CommandApdu command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var messaging = EnsureEstablished();
        _counter++;
        byte[] data = command.Data;
        if ((_securityLevel & Scp03.CDecryption) != 0 && data.Length > 0)
        {
            data = messaging.EncryptCommand(_counter, data);
        }

        if (data.Length + Scp03.S8 > 255)
        {
            throw new ArgumentException("The wrapped command does not fit a short APDU.", nameof(command));
        }

        byte cla = (byte)(command.Cla | 0x04);
        byte lc = (byte)(data.Length + Scp03.S8);
        var mac = messaging.CommandMac(_chain, cla, command.Ins, command.P1, command.P2, lc, data);
        _chain = mac;
        var wrapped = new CommandApdu(cla, command.Ins, command.P1, command.P2, [.. data, .. mac.AsSpan(0, Scp03.S8)], command.Ne);
        return new WrappedCommand(command, wrapped.ToBytes(), (byte[])mac.Clone(), _counter);
    }

    /// <summary>
    /// Verifies the R-MAC of a response to <paramref name="command"/> and decrypts its data. An error status word
    /// comes back bare, and closes the channel as it closed on the card.
    /// </summary>
    public ResponseApdu Unwrap(WrappedCommand command, ResponseApdu response)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(response);
        var messaging = EnsureEstablished();
        if (!response.IsNormalOrWarning)
        {
            if (response.Data.Length != 0)
            {
                throw Fail($"Error status word {response.StatusWord:X4} came with data.");
            }

            Close();
            return response;
        }

        byte[] data = response.Data;
        if ((_securityLevel & Scp03.RMac) != 0)
        {
            if (data.Length < Scp03.S8)
            {
                throw Fail("Response has no R-MAC.");
            }

            var body = data.AsSpan(0, data.Length - Scp03.S8);
            var expected = messaging.ResponseMac(command.Chain, body, response.StatusWord);
            if (!CryptographicOperations.FixedTimeEquals(expected, data.AsSpan(body.Length)))
            {
                throw Fail("R-MAC does not verify.");
            }

            data = body.ToArray();
        }

        if ((_securityLevel & Scp03.REncryption) != 0 && data.Length > 0)
        {
            if (!messaging.TryDecryptResponse(command.Counter, data, out var plaintext))
            {
                throw Fail("R-ENC data is not whole blocks with pad80.");
            }

            data = plaintext;
        }

        return new ResponseApdu(data, response.StatusWord);
    }

    /// <summary>Closes the channel and zeroes the session keys.</summary>
    public void Close()
    {
        _closed = true;
        _messaging?.Dispose();
        CryptographicOperations.ZeroMemory(_chain);
    }

    public void Dispose() => Close();

    private SecureChannelException Fail(string reason)
    {
        Close();
        return new SecureChannelException(reason);
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("The secure channel is not open.");
        }
    }

    private SecureMessaging EnsureEstablished()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("The secure channel is not open.");
        }

        return _messaging!;
    }
}
