namespace WalletGateway.Grains.Issuers;

/// <summary>
/// A member's card as the issuer returned it. Sensitive (card number, payment key): kept in the
/// session's memory only, never persisted, logged or sent to a terminal.
/// </summary>
public sealed record IssuerCard(string CardRef, string CardNumber, string Expiry, string CardholderName, byte[] PaymentKey);
