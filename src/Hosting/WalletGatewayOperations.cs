using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Orleans.Dashboard;
using WalletGateway.Grains;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Issuers;
using WalletGateway.Grains.Sessions;
using WalletGateway.GroupCommitStorage;

namespace WalletGateway.Hosting;

/// <summary>Metrics for Prometheus, the Orleans Dashboard and health endpoints, the same on every process.</summary>
public static class WalletGatewayOperations
{
    /// <summary>Meters exported: Orleans' own and the gateway's.</summary>
    public static readonly string[] Meters =
    [
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        SessionMetrics.MeterName,
        IssuerMetrics.MeterName,
        LimiterMetrics.MeterName,
        StorageMetrics.MeterName,
        GroupCommitStatistics.MeterName,
    ];

    internal static OperationsOptions ReadOptions(IConfiguration configuration)
    {
        var options = new OperationsOptions();
        configuration.GetSection(OperationsOptions.Section).Bind(options);
        return options;
    }

    /// <summary>OpenTelemetry metrics with the Prometheus exporter; <paramref name="serviceName"/> names the process kind (silo, frontend).</summary>
    public static IHostApplicationBuilder AddWalletGatewayTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (!ReadOptions(builder.Configuration).Metrics)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps <c>/healthz</c>, <c>/readyz</c> (checks tagged <c>ready</c>), <c>/metrics</c> and <c>/dashboard</c>.</summary>
    public static WebApplication MapWalletGatewayOperations(this WebApplication app, bool health = true)
    {
        var options = ReadOptions(app.Configuration);
        if (health)
        {
            app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
            app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        }

        if (options.Metrics)
        {
            Restrict(app.MapPrometheusScrapingEndpoint("/metrics"), options);
        }

        if (options.Dashboard)
        {
            Restrict(app.MapOrleansDashboard(routePrefix: "/dashboard"), options);
        }

        return app;
    }

    private static void Restrict(IEndpointConventionBuilder endpoints, OperationsOptions options)
    {
        if (options.Port != 0)
        {
            endpoints.RequireHost($"*:{options.Port}");
        }
    }
}
