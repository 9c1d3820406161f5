namespace WalletGateway.IssuerSimulator;

/// <summary>An issuer this simulator serves, without its credential.</summary>
public sealed record IssuerView(string IssuerId, string DisplayName, string CardPrefix);
