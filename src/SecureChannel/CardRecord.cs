namespace WalletGateway.SecureChannel;

/// <summary>The card record DGI <c>0101</c> as the card reads it back (expiry "YYYY-MM").</summary>
public sealed record CardRecord(string CardNumber, string Expiry, string CardholderName, string IssuerId, string CardId);
