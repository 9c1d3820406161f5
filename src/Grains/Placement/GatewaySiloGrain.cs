using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Configuration;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Placement;

/// <summary>
/// Answers on the silo that received the call (a stateless worker is always activated there and never registered in
/// the grain directory): this silo, and the active silos of its membership view with their points on the distributed
/// grain directory's ring (<see cref="GrainDirectoryOptions.GetPartitionBoundaries"/>, as the directory computes them).
/// </summary>
// One worker, never removed as idle (no inspection timer): probed every 30 s, collected by age if no longer probed.
[StatelessWorker(1, removeIdleWorkers: false)]
public sealed class GatewaySiloGrain(ILocalSiloDetails silo, IClusterMembershipService membership, IOptions<GrainDirectoryOptions> directory)
    : Grain, IGatewaySiloGrain
{
    public Task<GatewaySilo> DescribeAsync(long knownVersion)
    {
        var snapshot = membership.CurrentSnapshot;
        var version = snapshot.Version.Value;
        var options = directory.Value;
        var ring = version == knownVersion
            ? null
            : snapshot.Members.Values
                .Where(m => m.Status == SiloStatus.Active)
                .Select(m => new RingMember(m.SiloAddress, [.. options.GetPartitionBoundaries(m.SiloAddress, options.PartitionsPerSilo)]))
                .ToArray();
        return Task.FromResult(new GatewaySilo(silo.SiloAddress, version, ring));
    }
}
