namespace WalletGateway.Grains;

public sealed class IssuerGrain(IssuerDirectory directory) : Grain, IIssuerGrain
{
    public async Task<IssuerSummary?> GetSummaryAsync()
    {
        var id = this.GetPrimaryKeyString();
        var issuer = await directory.FindAsync(id);
        return issuer is null ? null : new IssuerSummary(id, issuer.DisplayName);
    }
}
