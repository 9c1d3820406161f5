using System.Security.Cryptography;

namespace WalletGateway.SecureChannel;

/// <summary>
/// The host side of the personalisation of SCP03.md: SELECT ISD, INITIALIZE UPDATE, EXTERNAL AUTHENTICATE,
/// INSTALL [for personalization], STORE DATA blocks, handed out in batches of at most <c>maxApdusPerBatch</c>
/// APDUs, each batch's responses verified before the next is built.
/// </summary>
public sealed class PersonalizationScript
{
    /// <summary>The profile's largest plaintext per STORE DATA block.</summary>
    public const int MaxBlockPlaintext = 239;

    private const int SelectIndex = 0;
    private const int InitializeUpdateIndex = 1;
    private const int ExternalAuthenticateIndex = 2;

    private readonly HostSecureChannel _channel;
    private readonly CardData _card;
    private readonly ChipKeys _keys;
    private readonly int _maxApdusPerBatch;
    private readonly List<CommandApdu> _commands = [];
    private readonly List<SentCommand> _batch = [];
    private byte[] _expectedReceipt = [];
    private CommandApdu? _externalAuthenticate;
    private int _nextIndex;
    private int _maxBlockDataLength = MaxBlockPlaintext;

    public PersonalizationScript(ChipKeys keys, ReadOnlySpan<byte> kdd, CardData card, int maxApdusPerBatch = 16, byte[]? hostChallenge = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxApdusPerBatch, 1);
        if (kdd.Length != ChipKeys.KddLength)
        {
            throw new ArgumentException("The KDD is 10 bytes.", nameof(kdd));
        }

        PaymentPersonalization.Validate(card);
        _keys = keys;
        _card = card;
        _maxApdusPerBatch = maxApdusPerBatch;
        _channel = new HostSecureChannel(keys, kdd, hostChallenge);
    }

    public ScriptState State { get; private set; } = ScriptState.NotStarted;

    /// <summary>How many APDUs of the batch last handed out still await their responses; 0 when none does.</summary>
    public int PendingApduCount => State == ScriptState.AwaitingResponses ? _batch.Count : 0;

    /// <summary>The verified SHA-256 receipt once <see cref="ScriptState.Done"/>.</summary>
    public byte[]? Receipt { get; private set; }

    /// <summary>Plaintext bytes per STORE DATA block, 1 to 239; set before <see cref="Start"/>.</summary>
    public int MaxBlockDataLength
    {
        get => _maxBlockDataLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxBlockPlaintext);
            _maxBlockDataLength = value;
        }
    }

    /// <summary>
    /// True once the last STORE DATA block has been handed out: from then on the chip may hold the
    /// card even if the script fails (e.g. a tampered final response), so the caller must not give
    /// the card to another chip.
    /// </summary>
    public bool FinalBlockSent => State != ScriptState.NotStarted && _commands.Count > 0 && _nextIndex == _commands.Count;

    /// <summary>The number of STORE DATA blocks the script sends.</summary>
    public int StoreDataBlockCount => Math.Max(0, _commands.Count - 4);

    /// <summary>The first batch: SELECT ISD and INITIALIZE UPDATE (only SELECT when batches hold one APDU).</summary>
    public ScriptStep Start()
    {
        if (State != ScriptState.NotStarted)
        {
            throw new InvalidOperationException("The script has already started.");
        }

        BuildCommands();
        State = ScriptState.AwaitingResponses;
        return NextBatch();
    }

    /// <summary>
    /// Verifies the responses (each data ‖ SW) to the batch last handed out and returns the next batch, Done or Failed.
    /// Throws <see cref="ScriptInputException"/>, changing nothing, when the list cannot answer that batch.
    /// </summary>
    public ScriptStep Next(IReadOnlyList<byte[]> responses)
    {
        if (State != ScriptState.AwaitingResponses)
        {
            throw new InvalidOperationException($"The script is {State}.");
        }

        ValidateInput(responses);
        try
        {
            for (int i = 0; i < responses.Count; i++)
            {
                Verify(_batch[i], ResponseApdu.Parse(responses[i]));
            }
        }
        catch (SecureChannelException ex)
        {
            return Fail(ex.Message);
        }

        if (responses.Count < _batch.Count)
        {
            // Cannot happen after Verify (a short list ends with an error status word, which fails), kept as a guard.
            return Fail("The terminal stopped before the end of the batch.");
        }

        if (_nextIndex == _commands.Count)
        {
            State = ScriptState.Done;
            Receipt = (byte[])_expectedReceipt.Clone();
            _batch.Clear();
            _channel.Close();
            return new ScriptStep(ScriptStepKind.Done, [], null);
        }

        return NextBatch();
    }

    private void ValidateInput(IReadOnlyList<byte[]>? responses)
    {
        if (responses is null || responses.Count == 0)
        {
            throw new ScriptInputException("No responses.");
        }

        if (responses.Count > _batch.Count)
        {
            throw new ScriptInputException($"{responses.Count} responses to a batch of {_batch.Count} APDUs.");
        }

        foreach (var response in responses)
        {
            if (response is null || response.Length < 2)
            {
                throw new ScriptInputException("A response is shorter than a status word.");
            }
        }

        var last = responses[^1];
        if (responses.Count < _batch.Count && last[^2] == 0x90 && last[^1] == 0x00)
        {
            throw new ScriptInputException("The responses stop early after a 9000.");
        }
    }

    private void Verify(SentCommand sent, ResponseApdu response)
    {
        switch (sent.Index)
        {
            case SelectIndex:
                if (!response.IsSuccess)
                {
                    throw new SecureChannelException($"SELECT ISD answered {response.StatusWord:X4}.");
                }

                break;
            case InitializeUpdateIndex:
                _externalAuthenticate = _channel.Authenticate(response);
                break;
            case ExternalAuthenticateIndex:
                _channel.CompleteAuthentication(response);
                break;
            default:
                var plain = _channel.Unwrap(sent.Wrapped!, response);
                if (!plain.IsSuccess)
                {
                    throw new SecureChannelException($"{Describe(sent.Index)} answered {plain.StatusWord:X4}.");
                }

                if (sent.Index == _commands.Count - 1)
                {
                    var expected = PaymentPersonalization.ReceiptResponse(_expectedReceipt);
                    if (plain.Data.Length == 0)
                    {
                        throw new SecureChannelException("The last STORE DATA brought no receipt.");
                    }

                    if (!CryptographicOperations.FixedTimeEquals(plain.Data, expected))
                    {
                        throw new SecureChannelException("The receipt does not match what was sent.");
                    }
                }

                break;
        }
    }

    private ScriptStep NextBatch()
    {
        _batch.Clear();
        var apdus = new List<byte[]>();
        while (_nextIndex < _commands.Count && _batch.Count < _maxApdusPerBatch)
        {
            int index = _nextIndex++;
            SentCommand sent = index switch
            {
                SelectIndex or InitializeUpdateIndex => new SentCommand(index, _commands[index].ToBytes(), null),
                ExternalAuthenticateIndex => new SentCommand(index, _externalAuthenticate!.ToBytes(), null),
                _ => Wrap(index),
            };
            _batch.Add(sent);
            apdus.Add(sent.Apdu);

            // EXTERNAL AUTHENTICATE needs the INITIALIZE UPDATE response: a batch ends there.
            if (index == InitializeUpdateIndex)
            {
                break;
            }
        }

        return new ScriptStep(ScriptStepKind.SendApdus, apdus, null);
    }

    private SentCommand Wrap(int index)
    {
        var wrapped = _channel.Wrap(_commands[index]);
        return new SentCommand(index, wrapped.Apdu, wrapped);
    }

    private ScriptStep Fail(string reason)
    {
        State = ScriptState.Failed;
        _batch.Clear();
        _channel.Close();
        return new ScriptStep(ScriptStepKind.Failed, [], reason);
    }

    private void BuildCommands()
    {
        _commands.Add(new CommandApdu(0x00, 0xA4, 0x04, 0x00, Scp03.IsdAid, 256));
        _commands.Add(_channel.InitializeUpdate());
        _commands.Add(new CommandApdu(0x84, 0x82, Scp03.SecurityLevel, 0x00)); // placeholder: built from the IU response
        byte[] aid = Scp03.PaymentAppletAid.ToArray();
        _commands.Add(new CommandApdu(0x80, 0xE6, 0x20, 0x00, [0x00, 0x00, (byte)aid.Length, .. aid, 0x00, 0x00, 0x00]));

        var plaintext = PaymentPersonalization.PlaintextDgis(_card);
        _expectedReceipt = PaymentPersonalization.Receipt(plaintext);
        var stream = new List<byte>();
        var encrypted = new List<bool>();
        foreach (var dgi in plaintext)
        {
            var value = dgi.IsEncrypted ? PaymentPersonalization.EncryptWithDek(_keys.Dek, dgi.Value) : dgi.Value;
            var record = new Dgi(dgi.Tag, value).Encode();
            stream.AddRange(record);
            encrypted.AddRange(Enumerable.Repeat(dgi.IsEncrypted, record.Length));
        }

        int blocks = (stream.Count + MaxBlockDataLength - 1) / MaxBlockDataLength;
        if (blocks > 256)
        {
            throw new InvalidOperationException("More than 256 STORE DATA blocks.");
        }

        for (int block = 0; block < blocks; block++)
        {
            int start = block * MaxBlockDataLength;
            int length = Math.Min(MaxBlockDataLength, stream.Count - start);
            bool last = block == blocks - 1;
            byte p1 = 0x08;
            if (encrypted.Skip(start).Take(length).Any(e => e))
            {
                p1 |= 0x60;
            }

            if (last)
            {
                p1 |= 0x81;
            }

            _commands.Add(new CommandApdu(0x80, 0xE2, p1, (byte)block, stream.GetRange(start, length).ToArray()));
        }
    }

    private string Describe(int index) => index switch
    {
        3 => "INSTALL [for personalization]",
        _ => $"STORE DATA block {index - 4}",
    };

    private sealed record SentCommand(int Index, byte[] Apdu, WrappedCommand? Wrapped);
}
