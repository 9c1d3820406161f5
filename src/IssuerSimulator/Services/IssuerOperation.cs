namespace WalletGateway.IssuerSimulator;

/// <summary>The issuer endpoints, as counted in the statistics.</summary>
internal enum IssuerOperation
{
    Authenticate,
    Complete,
    Abort,
    Lifecycle,
}
