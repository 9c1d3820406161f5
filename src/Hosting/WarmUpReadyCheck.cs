using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WalletGateway.Hosting;

/// <summary>Not ready until this silo's warm-up (<see cref="GatewayWarmUp"/>) ran: a load balancer sends it no terminal before.</summary>
public sealed class WarmUpReadyCheck(GatewayWarmUp warmUp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmUp.IsDone ? HealthCheckResult.Healthy("Warmed up.") : HealthCheckResult.Unhealthy("Warming up."));
}
