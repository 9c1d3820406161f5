namespace WalletGateway.IssuerSimulator;

/// <summary>The card an issuer holds for a member, as returned on every authentication.</summary>
internal sealed record IssuedCard(string CardRef, string CardNumber, string Expiry, string CardholderName, string PaymentKey);
