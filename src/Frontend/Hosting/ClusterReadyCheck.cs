using Microsoft.Extensions.Diagnostics.HealthChecks;
using WalletGateway.Grains.Interfaces;

namespace WalletGateway.Frontend.Hosting;

/// <summary>Ready when a grain call goes through: the silo (or the cluster, in client mode) takes work.</summary>
public sealed class ClusterReadyCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IIssuerCatalogGrain>(0).ListAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The Orleans cluster does not answer.", e);
        }
    }
}
