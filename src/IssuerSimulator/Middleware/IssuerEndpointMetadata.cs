namespace WalletGateway.IssuerSimulator;

/// <summary>
/// Marks an issuer endpoint, so <see cref="IssuerGateMiddleware"/> guards and counts it. A legacy endpoint
/// (<paramref name="CredentialInForm"/>) carries its credential in the form and checks it itself.
/// </summary>
internal sealed record IssuerEndpointMetadata(IssuerOperation Operation, bool CredentialInForm = false);
