using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Interfaces;

/// <summary>The list of enabled issuers a terminal may choose from. Use key 0.</summary>
[Alias("WalletGateway.IIssuerCatalogGrain")]
public interface IIssuerCatalogGrain : IGrainWithIntegerKey
{
    [Alias("ListAsync")]
    Task<IReadOnlyList<IssuerSummary>> ListAsync();
}
