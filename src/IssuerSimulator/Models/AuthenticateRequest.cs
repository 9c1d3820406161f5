namespace WalletGateway.IssuerSimulator;

/// <summary>Body of <c>POST /issuers/{issuerId}/members/authenticate</c>.</summary>
public sealed record AuthenticateRequest(string MemberId, string AccessCode);
