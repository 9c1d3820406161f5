namespace WalletGateway.IssuerSimulator;

/// <summary>A new one-time access code for an existing member.</summary>
public sealed record AccessCodeResponse(string AccessCode);
