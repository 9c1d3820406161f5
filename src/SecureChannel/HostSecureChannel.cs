using System.Security.Cryptography;

namespace WalletGateway.SecureChannel;

/// <summary>
/// The host side of SCP03 (mode S8, i = <c>70</c>): builds INITIALIZE UPDATE, checks the card cryptogram, builds
/// EXTERNAL AUTHENTICATE, then wraps commands and verifies responses. Any failed check closes the channel and
/// throws <see cref="SecureChannelException"/>.
/// </summary>
public sealed partial class HostSecureChannel : IDisposable
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
    public CommandApdu InitializeUpdate() =>
        new(ClassBytes.GlobalPlatform, Instructions.InitializeUpdate, ChipKeys.KeyVersion, 0x00, _hostChallenge, 256);

    /// <summary>Checks the INITIALIZE UPDATE response (KDD, key version, SCP, card cryptogram) and returns EXTERNAL AUTHENTICATE.</summary>
    public CommandApdu Authenticate(ResponseApdu initializeUpdateResponse)
    {
        ArgumentNullException.ThrowIfNull(initializeUpdateResponse);
        if (_closed || _messaging is not null)
        {
            throw new InvalidOperationException("INITIALIZE UPDATE was already answered on this channel.");
        }

        if (!initializeUpdateResponse.IsSuccess)
        {
            throw Fail($"INITIALIZE UPDATE answered {initializeUpdateResponse.StatusWord:X4}.");
        }

        if (InitializeUpdateResponse.TryParse(initializeUpdateResponse.Data) is not { } data)
        {
            throw Fail($"INITIALIZE UPDATE response is not {InitializeUpdateResponse.Length} bytes.");
        }

        if (!CryptographicOperations.FixedTimeEquals(data.Kdd, _expectedKdd))
        {
            throw Fail("INITIALIZE UPDATE response is from another chip (KDD).");
        }

        if (data.KeyVersion != ChipKeys.KeyVersion || data.ScpIdentifier != Scp03.ScpIdentifier || data.IParameter != Scp03.IParameter)
        {
            throw Fail("INITIALIZE UPDATE response has another key version, SCP or i parameter.");
        }

        var cardChallenge = data.CardChallenge;
        if (VerifyCardChallenge)
        {
            var expectedChallenge = Scp03.PseudoRandomCardChallenge(_keys.Enc, data.SequenceCounter, Scp03.IsdAid);
            if (!CryptographicOperations.FixedTimeEquals(expectedChallenge, cardChallenge))
            {
                throw Fail("Card challenge is not the pseudo-random one of its sequence counter.");
            }
        }

        var sessionKeys = SessionKeys.Derive(_keys, _hostChallenge, cardChallenge);
        try
        {
            var expected = sessionKeys.CardCryptogram(_hostChallenge, cardChallenge);
            if (!CryptographicOperations.FixedTimeEquals(expected, data.CardCryptogram))
            {
                throw Fail("Card cryptogram does not verify.");
            }

            var hostCryptogram = sessionKeys.HostCryptogram(_hostChallenge, cardChallenge);
            _messaging = new SecureMessaging(sessionKeys);
            var mac = _messaging.ExternalAuthenticateMac(_securityLevel, hostCryptogram);
            _chain = mac;
            return new CommandApdu(ClassBytes.GlobalPlatformSecured, Instructions.ExternalAuthenticate, _securityLevel, 0x00,
                [.. hostCryptogram, .. mac.AsSpan(0, Scp03.S8)]);
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
        EnsureEstablished();
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

    private SecureMessaging EnsureEstablished()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("The secure channel is not open.");
        }

        return _messaging!;
    }
}
