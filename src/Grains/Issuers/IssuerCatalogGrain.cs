using Orleans.Concurrency;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Issuers;

// Stateless worker: the catalog is this silo's directory copy, so every silo answers it locally. No idle-worker check
// (a 500 ms timer on every silo, idle or not): its workers hold nothing and are collected by age like any activation.
[StatelessWorker(-1, removeIdleWorkers: false)] // -1: up to one worker per core, Orleans' default
public sealed class IssuerCatalogGrain(IssuerDirectory directory) : Grain, IIssuerCatalogGrain
{
    public Task<IReadOnlyList<IssuerSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<IssuerSummary>>(
            [.. directory.All().Where(i => i.Options.Enabled).Select(i => new IssuerSummary(i.IssuerId, i.Options.DisplayName))]);

    public async Task<IssuerSummary?> FindAsync(string issuerId) =>
        await directory.FindAsync(issuerId) is { } issuer ? new IssuerSummary(issuerId, issuer.DisplayName) : null;

    public async Task<bool> IsKnownAsync(string issuerId)
    {
        // FindAsync refreshes the copy for an id it has not seen (at most every 200 ms): a new issuer is known at once.
        await directory.FindAsync(issuerId);
        return directory.FindAny(issuerId) is not null;
    }
}
