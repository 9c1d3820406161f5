using System.Security.Cryptography;

namespace WalletGateway.SecureChannel;

/// <summary>
/// The host side of the personalisation of <c>docs/scp03.md</c>: the channel script (<see cref="ChannelScript"/>)
/// with the card's DGIs in STORE DATA blocks, the last answer checked against the SHA-256 receipt of what was sent.
/// </summary>
public sealed class PersonalizationScript : ChannelScript
{
    /// <summary>The profile's largest plaintext per STORE DATA block.</summary>
    public const int MaxBlockPlaintext = 239;

    private readonly CardData _card;
    private byte[] _expectedReceipt = [];
    private int _maxBlockDataLength = MaxBlockPlaintext;

    public PersonalizationScript(ChipKeys keys, ReadOnlySpan<byte> kdd, CardData card, int maxApdusPerBatch = 16, byte[]? hostChallenge = null)
        : base(keys, kdd, maxApdusPerBatch, hostChallenge)
    {
        PaymentPersonalization.Validate(card);
        _card = card;
    }

    /// <summary>The verified SHA-256 receipt once <see cref="ScriptState.Done"/>.</summary>
    public byte[]? Receipt { get; private set; }

    /// <summary>Plaintext bytes per STORE DATA block, 1 to 239; set before <see cref="ChannelScript.Start"/>.</summary>
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
    /// True once the first STORE DATA block has been handed out: from then on card data may be on the chip, and once
    /// <see cref="ChannelScript.FinalBlockSent"/> the caller must not give the card to another chip even if the script fails.
    /// </summary>
    public bool CardDataSent => StoreDataSent;

    protected override IReadOnlyList<CommandApdu> BuildStoreData()
    {
        var plaintext = PaymentPersonalization.PlaintextDgis(_card);
        _expectedReceipt = PaymentPersonalization.Receipt(plaintext);
        return PersonalizationCommands.StoreData(plaintext, Keys.Dek, MaxBlockDataLength);
    }

    protected override void VerifyLastResponse(ResponseApdu plain)
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

    protected override void OnDone() => Receipt = (byte[])_expectedReceipt.Clone();
}
