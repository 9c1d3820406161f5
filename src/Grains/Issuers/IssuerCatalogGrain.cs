using Orleans.Concurrency;

namespace WalletGateway.Grains;

// Stateless worker: the catalog is read from local configuration, so every silo answers it locally.
[StatelessWorker]
public sealed class IssuerCatalogGrain(IssuerClient issuers) : Grain, IIssuerCatalogGrain
{
    public Task<IReadOnlyList<IssuerSummary>> ListAsync() => Task.FromResult(issuers.List());
}
