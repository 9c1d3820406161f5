using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
    /// <summary>
    /// Meters exported: Orleans' own, the gateway's, the runtime's (exceptions, bytes allocated, timers) and HttpClient's
    /// (every request to Table storage, including clients without <see cref="StorageRequestCounter"/>, by method and port).
    /// </summary>
    public static readonly string[] Meters =
    [
        // .NET's own (GC, JIT, thread pool, exceptions, live timers): what a change of runtime settings shows in.
        "System.Runtime",
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        SessionMetrics.MeterName,
        IssuerMetrics.MeterName,
        LimiterMetrics.MeterName,
        StorageMetrics.MeterName,
        GrainCallLocality.MeterName,
        StorageRequestCounter.MeterName,
        GroupCommitStatistics.MeterName,
        LogLineCounter.MeterName,
        "System.Net.Http",
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

        builder.Logging.AddProvider(new LogLineCounter());
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.ConfigureResource(ServiceResource(serviceName)).AddMeter(Meters).AddPrometheusExporter());
        return builder;
    }

    /// <summary>The process in metrics and traces: its kind (silo, frontend) and instance (host and process id).</summary>
    internal static Action<ResourceBuilder> ServiceResource(string serviceName) =>
        r => r.AddService(serviceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId);

    /// <summary>Adds the operations listener (<see cref="OperationsOptions.Port"/>) to the process's <c>Urls</c>.</summary>
    public static WebApplicationBuilder AddOperationsListener(this WebApplicationBuilder builder)
    {
        var port = ReadOptions(builder.Configuration).Port;
        var urls = (builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "http://localhost:5000")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Any(u => PortOf(u) == port))
        {
            return builder;
        }

        var first = BindingAddress.Parse(urls[0]);
        builder.WebHost.UseUrls([.. urls, $"{first.Scheme}://{first.Host}:{port}"]);
        return builder;
    }

    /// <summary>
    /// Answers 404 for the operations endpoints on any other port than the operations port, by the connection's local
    /// port. Before authentication: the terminal port does not even say that a key is wanted.
    /// </summary>
    public static IApplicationBuilder UseOperationsPort(this IApplicationBuilder app)
    {
        var port = ReadOptions(app.ApplicationServices.GetRequiredService<IConfiguration>()).Port;
        return app.Use((http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<OperationsPortMetadata>() is not null && http.Connection.LocalPort != port)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(http);
        });
    }

    /// <summary>
    /// Maps <c>/healthz</c>, <c>/readyz</c> (checks tagged <c>ready</c>) on every port; <c>/metrics</c> and
    /// <c>/dashboard</c> (the latter behind the operator key) on the operations port only.
    /// </summary>
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
            app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new OperationsPortMetadata());
        }

        if (options.Dashboard)
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard").WithMetadata(new OperationsPortMetadata())
                .RequireAuthorization(OperatorKeyAuthentication.Policy);
        }

        return app;
    }

    private static int? PortOf(string url)
    {
        try
        {
            return BindingAddress.Parse(url).Port;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
