namespace WalletGateway.Contracts;

/// <summary>One entry of <c>GET /v1/issuers</c>: the issuers a member can pick from. Never connection data.</summary>
/// <param name="IssuerId">The id to open a session with.</param>
/// <param name="DisplayName">The name to show the member.</param>
public sealed record IssuerResponse(string IssuerId, string DisplayName);
