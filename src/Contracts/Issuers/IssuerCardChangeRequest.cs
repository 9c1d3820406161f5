namespace WalletGateway.Contracts.Issuers;

/// <summary>Body of the issuer's own card lifecycle calls (suspend, resume, delete); the issuer is who asks.</summary>
/// <param name="Reason">A code of lower-case letters, digits and <c>-</c>, e.g. <c>lost-phone</c> (at most 40).</param>
public sealed record IssuerCardChangeRequest(string? Reason);
