using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Interfaces;

/// <summary>The list of enabled issuers a terminal may choose from. Use key 0.</summary>
[Alias("WalletGateway.IIssuerCatalogGrain")]
public interface IIssuerCatalogGrain : IGrainWithIntegerKey
{
    [Alias("ListAsync")]
    Task<IReadOnlyList<IssuerSummary>> ListAsync();

    /// <summary>
    /// The enabled issuer with this id, or null. Answered by the catalog (one activation per silo), so a made-up id
    /// activates no grain of its own.
    /// </summary>
    [Alias("FindAsync")]
    Task<IssuerSummary?> FindAsync(string issuerId);

    /// <summary>
    /// True when an issuer with this id exists, enabled or not (the issuer API's key check asks this first, so a key
    /// naming a made-up issuer activates no key grain and reads no storage).
    /// </summary>
    [Alias("IsKnownAsync")]
    Task<bool> IsKnownAsync(string issuerId);
}
