using System.Collections.Concurrent;
using Orleans.Runtime;

namespace WalletGateway.Grains.Issuers;

/// <summary>
/// The issuers' budgets on this silo, re-sized when the number of active silos or an issuer's
/// configuration changes (a changed budget starts from its new share). Latency is real elapsed
/// time, not the gateway's business clock.
/// </summary>
public sealed class IssuerBudgets(IClusterMembershipService? membership)
{
    private readonly ConcurrentDictionary<string, (IssuerOptions Options, int Silos, IssuerBudget Budget)> _budgets = new(StringComparer.Ordinal);

    public IssuerBudget For(string issuerId, IssuerOptions options)
    {
        var silos = ActiveSilos();
        var current = _budgets.GetOrAdd(issuerId, _ => (options, silos, new IssuerBudget(options, silos, TimeProvider.System)));
        if (!ReferenceEquals(current.Options, options) || current.Silos != silos)
        {
            var fresh = (options, silos, new IssuerBudget(options, silos, TimeProvider.System));
            if (_budgets.TryUpdate(issuerId, fresh, current))
            {
                // In-flight calls finish on the old budget; it is small and goes with them.
                return fresh.Item3;
            }

            return _budgets[issuerId].Budget;
        }

        return current.Budget;
    }

    /// <summary>Current budgets by issuer, for metrics and tests.</summary>
    public IReadOnlyDictionary<string, IssuerBudget> Snapshot() => _budgets.ToDictionary(p => p.Key, p => p.Value.Budget);

    private int ActiveSilos() =>
        membership?.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) is { } n && n > 0 ? n : 1;
}
