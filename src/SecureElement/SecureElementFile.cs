namespace WalletGateway.SecureElement;

/// <summary>The JSON file a <see cref="SoftSecureElement"/> is saved to. Keys and payment keys are hex.</summary>
internal sealed record SecureElementFile(
    int FormatVersion,
    string Kdd,
    string KeyEnc,
    string KeyMac,
    string KeyDek,
    int SequenceCounter,
    int FailedAuthentications,
    List<SecureElementFile.CardEntry> Cards)
{
    public const int CurrentFormatVersion = 1;

    internal sealed record CardEntry(StoredCard Card, string PaymentKey);
}
