namespace WalletGateway.IssuerSimulator;

/// <summary>
/// The member's card. <see cref="Expiry"/> is <c>YYYY-MM</c>; <see cref="PaymentKey"/> is
/// 16 bytes as 32 hex digits.
/// </summary>
public sealed record AuthenticateResponse(string CardRef, string CardNumber, string Expiry, string CardholderName, string PaymentKey);
