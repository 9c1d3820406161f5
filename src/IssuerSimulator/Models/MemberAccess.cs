namespace WalletGateway.IssuerSimulator;

/// <summary>A new member and the one-time access code "mailed" to them.</summary>
public sealed record MemberAccess(string MemberId, string AccessCode);
