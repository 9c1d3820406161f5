namespace WalletGateway.SecureChannel;

/// <summary>
/// The host side of the removal of <c>docs/scp03.md</c>: the channel script (<see cref="ChannelScript"/>) with one
/// STORE DATA (P1 <c>89</c>) carrying DGI <c>0F01</c> { <c>DF01</c> card id }, its <c>DF71</c> answer verified (R-MAC,
/// R-ENC, the digest of what was sent, an outcome of <c>01</c> or <c>00</c>).
/// </summary>
public sealed class RemovalScript : ChannelScript
{
    private readonly Dgi _request;

    // The verified outcome, published as Removed only once the whole script is Done.
    private bool _verifiedOutcome;

    public RemovalScript(ChipKeys keys, ReadOnlySpan<byte> kdd, string cardId, int maxApdusPerBatch = 16, byte[]? hostChallenge = null)
        : base(keys, kdd, maxApdusPerBatch, hostChallenge)
    {
        _request = PaymentRemoval.Request(cardId);
        CardId = cardId;
    }

    /// <summary>The card id the script takes off the chip.</summary>
    public string CardId { get; }

    /// <summary>
    /// Once <see cref="ScriptState.Done"/>: true when the chip removed the card, false when it did not hold it. Either
    /// is the chip's MACed proof that the card is not on it; null before.
    /// </summary>
    public bool? Removed { get; private set; }

    protected override IReadOnlyList<CommandApdu> BuildStoreData() =>
    [
        new CommandApdu(
            ClassBytes.GlobalPlatform, Instructions.StoreData, StoreDataP1.For(encrypted: false, last: true), 0x00, _request.Encode()),
    ];

    protected override void VerifyLastResponse(ResponseApdu plain) => _verifiedOutcome = PaymentRemoval.VerifyAnswer(plain.Data, _request);

    protected override void OnDone() => Removed = _verifiedOutcome;
}
