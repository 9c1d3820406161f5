namespace WalletGateway.Terminal.Protocol;

/// <summary>One entry of <c>GET /v1/issuers</c>: the issuers a member can pick from. Never connection data.</summary>
public sealed record IssuerSummary(string IssuerId, string DisplayName);
