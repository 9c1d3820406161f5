using Orleans.Placement;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Issuers;

// Answers from the caller's silo directory, so it lives on the caller's silo (docs/architecture.md#placement).
[PreferLocalPlacement]
public sealed class IssuerGrain(IssuerDirectory directory) : Grain, IIssuerGrain
{
    public async Task<IssuerSummary?> GetSummaryAsync()
    {
        var id = this.GetPrimaryKeyString();
        var issuer = await directory.FindAsync(id);
        return issuer is null ? null : new IssuerSummary(id, issuer.DisplayName);
    }
}
