using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Issuers;

public sealed class IssuerGrain(IssuerDirectory directory) : Grain, IIssuerGrain
{
    public async Task<IssuerSummary?> GetSummaryAsync()
    {
        var id = this.GetPrimaryKeyString();
        var issuer = await directory.FindAsync(id);
        return issuer is null ? null : new IssuerSummary(id, issuer.DisplayName);
    }
}
