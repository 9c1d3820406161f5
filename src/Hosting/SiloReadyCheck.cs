using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace WalletGateway.Hosting;

/// <summary>Ready while this silo is <c>Active</c> in the membership table: not yet while joining, no longer while draining.</summary>
public sealed class SiloReadyCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {local.SiloAddress} is active.")
            : HealthCheckResult.Unhealthy($"Silo {local.SiloAddress} is {status}."));
    }
}
