using Orleans.Concurrency;
using Orleans.Runtime;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Issuers;

// Stateless worker: answers from this silo's directory copy and live budgets, no funnel through one activation. No
// idle-worker check (a 500 ms timer on every silo): its workers hold nothing and are collected by age.
[StatelessWorker(-1, removeIdleWorkers: false)] // -1: up to one worker per core, Orleans' default
public sealed class IssuerAdminGrain(IssuerDirectory directory, IssuerBudgets budgets, ILocalSiloDetails silo) : Grain, IIssuerAdminGrain
{
    public async Task<IReadOnlyList<IssuerAdminView>> ListAsync()
    {
        await directory.RefreshAsync();
        var live = budgets.Snapshot();
        return [.. directory.All().Select(i => View(i.IssuerId, i.Options, i.Source, live))];
    }

    public async Task<IssuerAdminView?> GetAsync(string issuerId)
    {
        await directory.RefreshAsync();
        var issuer = directory.All().FirstOrDefault(i => i.IssuerId == issuerId);
        return issuer.Options is null ? null : View(issuer.IssuerId, issuer.Options, issuer.Source, budgets.Snapshot());
    }

    private IssuerAdminView View(string id, IssuerOptions o, string source, IReadOnlyDictionary<string, IssuerBudget> live) => new(
        id, o.DisplayName, o.Protocol, o.BaseUrl?.ToString() ?? "", o.Username, o.Enabled, source,
        o.MaxConcurrentCalls, o.MaxCallsPerSecond, o.TargetLatency, o.MaxQueueWait, o.Timeout,
        live.TryGetValue(id, out var b)
            ? new IssuerLiveLimits(silo.SiloAddress.ToString(), b.ActiveSilos, b.MaxConcurrentShare, b.CurrentLimit, b.InFlight, b.CallsPerSecondShare)
            : null);
}
