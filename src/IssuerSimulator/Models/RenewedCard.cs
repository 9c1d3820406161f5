namespace WalletGateway.IssuerSimulator;

/// <summary>
/// Answer of <c>POST /admin/issuers/{issuerId}/members/{memberId}/card/renew</c>: the renewed card as the member may see it
/// (same reference, new expiry; the new payment key is never shown) and the one-time access code that lets the member
/// re-personalise it on their phone (the previous unused code stops working).
/// </summary>
public sealed record RenewedCard(string CardRef, string Last4, string Expiry, string AccessCode);
