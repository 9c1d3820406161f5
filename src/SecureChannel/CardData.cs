namespace WalletGateway.SecureChannel;

/// <summary>What the gateway writes onto a chip for one card.</summary>
/// <param name="CardNumber">The PAN, digits only.</param>
/// <param name="Expiry">"YYYY-MM".</param>
/// <param name="CardholderName">ASCII.</param>
/// <param name="PaymentKey">The card's 16-byte payment key.</param>
/// <param name="IssuerId">The gateway's issuer id (ASCII).</param>
/// <param name="CardId">The card id the gateway returns as <c>result.cardId</c> (ASCII).</param>
public sealed record CardData(string CardNumber, string Expiry, string CardholderName, byte[] PaymentKey, string IssuerId, string CardId);
