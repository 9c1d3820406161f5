namespace WalletGateway.Contracts.Admin;

/// <summary>
/// An issuer API key just issued: shown this once (the gateway keeps only its hash). The issuer sends it in
/// <paramref name="Header"/>; the key it replaces is refused from now on.
/// </summary>
public sealed record AdminIssuerKeyResponse(string IssuerId, string ApiKey, string Header, DateTimeOffset IssuedAt);
