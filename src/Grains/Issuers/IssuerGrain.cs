namespace WalletGateway.Grains;

public sealed class IssuerGrain(IssuerClient issuers) : Grain, IIssuerGrain
{
    public Task<IssuerSummary?> GetSummaryAsync()
    {
        var id = this.GetPrimaryKeyString();
        var issuer = issuers.Find(id);
        return Task.FromResult(issuer is null ? null : new IssuerSummary(id, issuer.DisplayName));
    }
}
