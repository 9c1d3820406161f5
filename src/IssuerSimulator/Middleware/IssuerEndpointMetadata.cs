namespace WalletGateway.IssuerSimulator;

/// <summary>Marks an issuer endpoint, so <see cref="IssuerGateMiddleware"/> guards and counts it.</summary>
internal sealed record IssuerEndpointMetadata(IssuerOperation Operation);
