using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Interfaces;

/// <summary>Operator views of issuers, answered by the silo the call lands on (its copy of the directory and its live budgets).</summary>
[Alias("WalletGateway.IIssuerAdminGrain")]
public interface IIssuerAdminGrain : IGrainWithIntegerKey
{
    [Alias("ListAsync")]
    Task<IReadOnlyList<IssuerAdminView>> ListAsync();

    /// <summary>One issuer, enabled or not; null when unknown.</summary>
    [Alias("GetAsync")]
    Task<IssuerAdminView?> GetAsync(string issuerId);
}
