namespace WalletGateway.IssuerSimulator;

/// <summary>
/// Body of <c>PUT /admin/issuers/{issuerId}/members/{memberId}/card</c>: what the issuer answers for this member from
/// now on instead of the card it issued (members not null replace the issued value, unchecked, so tests can send
/// the gateway bad data). <c>DELETE</c> on the same path restores the issued card.
/// </summary>
public sealed record CardOverride(
    string? CardRef = null, string? CardNumber = null, string? Expiry = null, string? CardholderName = null, string? PaymentKey = null);
