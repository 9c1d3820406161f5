namespace WalletGateway.SecureChannel;

/// <summary>
/// What every script of <c>docs/scp03.md</c> does on the host: SELECT ISD, INITIALIZE UPDATE, EXTERNAL AUTHENTICATE,
/// INSTALL [for personalization] of the payment applet, then the STORE DATA blocks a derived script builds, handed
/// out in batches of at most <c>maxApdusPerBatch</c> APDUs, each batch's responses verified before the next is built.
/// The derived script checks the last block's answer (<see cref="VerifyLastResponse"/>).
/// </summary>
public abstract partial class ChannelScript
{
    private const int SelectIndex = 0;
    private const int InitializeUpdateIndex = 1;
    private const int ExternalAuthenticateIndex = 2;
    private const int InstallIndex = 3;
    private const int FirstBlockIndex = 4;

    private readonly HostSecureChannel _channel;
    private readonly int _maxApdusPerBatch;
    private readonly List<CommandApdu> _commands = [];
    private readonly List<SentCommand> _batch = [];
    private CommandApdu? _externalAuthenticate;
    private int _nextIndex;

    protected ChannelScript(ChipKeys keys, ReadOnlySpan<byte> kdd, int maxApdusPerBatch, byte[]? hostChallenge)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxApdusPerBatch, 1);
        if (kdd.Length != ChipKeys.KddLength)
        {
            throw new ArgumentException("The KDD is 10 bytes.", nameof(kdd));
        }

        Keys = keys;
        _maxApdusPerBatch = maxApdusPerBatch;
        _channel = new HostSecureChannel(keys, kdd, hostChallenge);
    }

    public ScriptState State { get; private set; } = ScriptState.NotStarted;

    /// <summary>How many APDUs of the batch last handed out still await their responses; 0 when none does.</summary>
    public int PendingApduCount => State == ScriptState.AwaitingResponses ? _batch.Count : 0;

    /// <summary>
    /// True once the last STORE DATA block has been handed out: from then on the chip may have acted on it even if
    /// the script fails (e.g. a tampered final response).
    /// </summary>
    public bool FinalBlockSent => State != ScriptState.NotStarted && _commands.Count > 0 && _nextIndex == _commands.Count;

    /// <summary>
    /// True once EXTERNAL AUTHENTICATE has been handed out: it is built only after the chip's card cryptogram
    /// verified, so the chip has proved it holds the keys of its chip id.
    /// </summary>
    public bool ChipAuthenticated => State != ScriptState.NotStarted && _nextIndex > ExternalAuthenticateIndex;

    /// <summary>True once the first STORE DATA block has been handed out.</summary>
    public bool StoreDataSent => State != ScriptState.NotStarted && _nextIndex > FirstBlockIndex;

    /// <summary>The number of STORE DATA blocks the script sends.</summary>
    public int StoreDataBlockCount => Math.Max(0, _commands.Count - FirstBlockIndex);

    /// <summary>The chip's static keys (Key-DEK encrypts sensitive DGIs).</summary>
    protected ChipKeys Keys { get; }

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
            OnDone();
            _batch.Clear();
            _channel.Close();
            return new ScriptStep(ScriptStepKind.Done, [], null);
        }

        return NextBatch();
    }

    /// <summary>The plain STORE DATA blocks, in order; called once, by <see cref="Start"/>.</summary>
    protected abstract IReadOnlyList<CommandApdu> BuildStoreData();

    /// <summary>
    /// Checks the unwrapped answer (status <c>9000</c>) to the last STORE DATA block; throws
    /// <see cref="SecureChannelException"/> when it is not what this chip must answer.
    /// </summary>
    protected abstract void VerifyLastResponse(ResponseApdu plain);

    /// <summary>Called once when every response verified, before <see cref="State"/> is read as Done.</summary>
    protected virtual void OnDone()
    {
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
        _commands.Add(PersonalizationCommands.SelectIsd());
        _commands.Add(_channel.InitializeUpdate());
        // A placeholder: EXTERNAL AUTHENTICATE is built from the INITIALIZE UPDATE response.
        _commands.Add(new CommandApdu(ClassBytes.GlobalPlatformSecured, Instructions.ExternalAuthenticate, Scp03.SecurityLevel, 0x00));
        _commands.Add(PersonalizationCommands.InstallForPersonalization());
        _commands.AddRange(BuildStoreData());
    }

    private sealed record SentCommand(int Index, byte[] Apdu, WrappedCommand? Wrapped);
}
