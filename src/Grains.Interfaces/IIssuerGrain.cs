using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// A card issuer known to the gateway. Key: the issuer id. Connection information and limits come
/// from the silo's configuration and never leave the silo: only the public summary crosses the wire.
/// </summary>
[Alias("WalletGateway.IIssuerGrain")]
public interface IIssuerGrain : IGrainWithStringKey
{
    /// <summary>The public summary, or null when no enabled issuer has this id.</summary>
    [Alias("GetSummaryAsync")]
    Task<IssuerSummary?> GetSummaryAsync();
}
