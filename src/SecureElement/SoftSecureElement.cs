using System.Security.Cryptography;
using WalletGateway.SecureChannel;

namespace WalletGateway.SecureElement;

/// <summary>
/// A software secure element: an Issuer Security Domain with one SCP03 key set (the profile of <c>docs/scp03.md</c>), its sequence
/// and failed-authentication counters, and the payment applet that stores cards. <see cref="Transmit"/> answers
/// every APDU with a response, never an exception; it is thread-safe.
/// </summary>
public sealed partial class SoftSecureElement
{
    /// <summary>Consecutive failed EXTERNAL AUTHENTICATEs after which the key set is locked.</summary>
    public const int MaxFailedAuthentications = 10;

    private const int MaxSequenceCounter = 0xFFFFFF;

    private readonly Lock _lock = new();
    private readonly byte[] _kdd;
    private readonly ChipKeys _keys;
    private CardSecureChannel? _channel;
    private int _sequenceCounter;
    private int _failedAuthentications;

    public SoftSecureElement(byte[] kdd, ChipKeys keys)
    {
        ArgumentNullException.ThrowIfNull(kdd);
        ArgumentNullException.ThrowIfNull(keys);
        if (kdd.Length != ChipKeys.KddLength)
        {
            throw new ArgumentException("The KDD is 10 bytes.", nameof(kdd));
        }

        if (keys.Enc is not { Length: 16 } || keys.Mac is not { Length: 16 } || keys.Dek is not { Length: 16 })
        {
            throw new ArgumentException("The static keys are AES-128.", nameof(keys));
        }

        _kdd = (byte[])kdd.Clone();
        _keys = new ChipKeys((byte[])keys.Enc.Clone(), (byte[])keys.Mac.Clone(), (byte[])keys.Dek.Clone());
        ChipId = Hex.Format(_kdd);
    }

    /// <summary>The KDD as 20 uppercase hex digits.</summary>
    public string ChipId { get; }

    /// <summary>The number of INITIALIZE UPDATEs answered so far: the value sent in the last one.</summary>
    public int SequenceCounter
    {
        get
        {
            lock (_lock)
            {
                return _sequenceCounter;
            }
        }
    }

    /// <summary>Consecutive failed EXTERNAL AUTHENTICATEs; reset by a successful one.</summary>
    public int FailedAuthentications
    {
        get
        {
            lock (_lock)
            {
                return _failedAuthentications;
            }
        }
    }

    /// <summary>True once <see cref="MaxFailedAuthentications"/> consecutive authentications failed: IU and EA answer <c>6983</c>.</summary>
    public bool IsLocked
    {
        get
        {
            lock (_lock)
            {
                return _failedAuthentications >= MaxFailedAuthentications;
            }
        }
    }

    public static SoftSecureElement Create(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> kdd) =>
        new(kdd.ToArray(), ChipKeys.Derive(masterKey, kdd));

    public static SoftSecureElement CreateRandom(ReadOnlySpan<byte> masterKey) =>
        Create(masterKey, RandomNumberGenerator.GetBytes(ChipKeys.KddLength));

    /// <summary>Processes one command APDU and returns data ‖ SW.</summary>
    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        lock (_lock)
        {
            if (!CommandApdu.TryParse(commandApdu, out var command))
            {
                CloseChannel();
                return Bare(StatusWords.WrongLength);
            }

            return command switch
            {
                { Cla: ClassBytes.Iso, Ins: Instructions.Select } => Select(command),
                { Cla: ClassBytes.GlobalPlatform, Ins: Instructions.InitializeUpdate } => InitializeUpdate(command),
                { Cla: ClassBytes.GlobalPlatformSecured, Ins: Instructions.ExternalAuthenticate } => ExternalAuthenticate(command),
                { Cla: ClassBytes.GlobalPlatformSecured } => Secured(command),
                { Cla: ClassBytes.GlobalPlatform, Ins: Instructions.Install or Instructions.StoreData } => Refuse(StatusWords.SecurityStatusNotSatisfied),
                { Cla: ClassBytes.GlobalPlatform } => Refuse(StatusWords.InsNotSupported),
                _ => Refuse(StatusWords.ClaNotSupported),
            };
        }
    }

    private byte[] Select(CommandApdu command)
    {
        // A SELECT ends any secure channel session, as on a GlobalPlatform card.
        CloseChannel();
        if (command.P1 != Instructions.SelectByName || command.P2 != 0x00)
        {
            return Bare(StatusWords.IncorrectP1P2);
        }

        if (!command.Data.AsSpan().SequenceEqual(Scp03.IsdAid))
        {
            return Bare(StatusWords.FileNotFound);
        }

        // FCI: 6F { 84 AID, A5 { 9F6E-less proprietary data: 9F65 maximum block length FF } }
        byte[] aid = Scp03.IsdAid.ToArray();
        byte[] proprietary = [0x9F, 0x65, 0x01, 0xFF];
        byte[] fci = [.. Tlv.Encode(0x84, aid), .. Tlv.Encode(0xA5, proprietary)];
        return ResponseApdu.Encode(Tlv.Encode(0x6F, fci), StatusWords.Success);
    }

    private byte[] InitializeUpdate(CommandApdu command)
    {
        CloseChannel();
        if (_failedAuthentications >= MaxFailedAuthentications)
        {
            return Bare(StatusWords.AuthenticationMethodBlocked);
        }

        if ((command.P1 != 0x00 && command.P1 != ChipKeys.KeyVersion) || command.P2 != 0x00)
        {
            return Bare(command.P1 != 0x00 && command.P1 != ChipKeys.KeyVersion ? StatusWords.ReferencedDataNotFound : StatusWords.IncorrectP1P2);
        }

        if (command.Data.Length != Scp03.S8)
        {
            return Bare(StatusWords.WrongLength);
        }

        if (_sequenceCounter >= MaxSequenceCounter)
        {
            return Bare(StatusWords.ConditionsNotSatisfied);
        }

        _sequenceCounter++;
        var cardChallenge = Scp03.PseudoRandomCardChallenge(_keys.Enc, _sequenceCounter, Scp03.IsdAid);
        _channel = CardSecureChannel.Open(_keys, _kdd, command.Data, cardChallenge, _sequenceCounter);
        return ResponseApdu.Encode(_channel.InitializeUpdateResponseData, StatusWords.Success);
    }

    private byte[] ExternalAuthenticate(CommandApdu command)
    {
        if (_failedAuthentications >= MaxFailedAuthentications)
        {
            CloseChannel();
            return Bare(StatusWords.AuthenticationMethodBlocked);
        }

        if (_channel is not { IsOpen: true } channel || channel.IsAuthenticated)
        {
            CloseChannel();
            return Bare(StatusWords.ConditionsNotSatisfied);
        }

        var sw = channel.Authenticate(command);
        if (sw == StatusWords.AuthenticationFailed)
        {
            _failedAuthentications++;
        }
        else if (sw == StatusWords.Success)
        {
            _failedAuthentications = 0;
        }

        if (sw != StatusWords.Success)
        {
            CloseChannel();
        }

        return Bare(sw);
    }

    private byte[] Secured(CommandApdu command)
    {
        if (_channel is not { IsAuthenticated: true } channel || !channel.TryUnwrap(command, out var plain))
        {
            return Refuse(StatusWords.SecurityStatusNotSatisfied);
        }

        var (data, sw) = plain.Ins switch
        {
            Instructions.Install => Install(plain),
            Instructions.StoreData => StoreData(plain),
            _ => ([], StatusWords.InsNotSupported),
        };
        if (!ResponseApdu.IsNormalOrWarningStatus(sw))
        {
            CloseChannel();
            return Bare(sw);
        }

        return channel.WrapResponse(data, sw);
    }

    /// <summary>Answers an error status word bare and closes the channel.</summary>
    private byte[] Refuse(ushort statusWord)
    {
        CloseChannel();
        return Bare(statusWord);
    }

    private void CloseChannel()
    {
        _channel?.Close();
        _channel = null;
        AbortPersonalization();
    }

    private static byte[] Bare(ushort statusWord) => ResponseApdu.Encode(default, statusWord);
}
