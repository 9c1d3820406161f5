namespace WalletGateway.SecureElement;

/// <summary>A card the payment applet holds, as the read-only view shows it (no payment key, only its check value).</summary>
public sealed record StoredCard(
    string CardId, string IssuerId, string CardNumber, string Expiry, string CardholderName, string PaymentKeyCheckValue, string Receipt)
{
    /// <summary>The last four digits of the card number.</summary>
    public string Last4 => CardNumber.Length >= 4 ? CardNumber[^4..] : CardNumber;
}
