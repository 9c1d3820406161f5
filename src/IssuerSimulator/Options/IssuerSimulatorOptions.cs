namespace WalletGateway.IssuerSimulator;

/// <summary>
/// Configuration of the issuer simulator, bound from the <c>IssuerSimulator</c> section.
/// </summary>
public sealed class IssuerSimulatorOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "IssuerSimulator";

    /// <summary>
    /// The issuers served by this process. When none are configured, the development
    /// defaults (<c>demo-card</c> and <c>sample-bank</c>) are used.
    /// </summary>
    public List<IssuerOptions> Issuers { get; set; } = [];
}
