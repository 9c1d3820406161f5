namespace WalletGateway.Grains.Issuers;

/// <summary>The issuers the gateway serves, by issuer id (configuration section <c>WalletGateway:Issuers</c>).</summary>
public sealed class IssuerDirectoryOptions
{
    public const string Section = "WalletGateway";

    public Dictionary<string, IssuerOptions> Issuers { get; set; } = new(StringComparer.Ordinal);
}
