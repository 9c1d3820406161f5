using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using WalletGateway.GroupCommitStorage;

namespace WalletGateway.Hosting;

/// <summary>
/// One card, one trace: the terminal's requests (ASP.NET Core), the grain calls (Orleans activity propagation, frontend
/// to silo), the issuer calls and the storage requests (HttpClient, Azure SDK) and the group-commit writes, exported over
/// OTLP. Only when <see cref="TracingOptions"/> turns it on; otherwise nothing is registered.
/// </summary>
public static class WalletGatewayTracing
{
    /// <summary>Azure.Core emits spans through ActivitySource only with this switch, read once when its first client is made.</summary>
    public const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>What is traced: Orleans' application grain calls and state operations, ours, and the Azure SDK's.</summary>
    public static readonly string[] Sources =
    [
        ActivitySources.ApplicationGrainActivitySourceName,
        ActivitySources.StorageActivitySourceName,
        StorageTracing.SourceName,
        "Azure.*",
    ];

    /// <summary>Requests not traced: probes and scrapes, which would bury the cards' traces.</summary>
    private static readonly PathString[] Untraced = ["/healthz", "/readyz", "/metrics", "/dashboard"];

    public static bool IsEnabled(IConfiguration configuration) =>
        TracingOptions.Read(configuration).Enabled;

    /// <summary>
    /// Adds the tracer provider when tracing is on. Call before the silo or client is added (the storage probe makes the
    /// process's first Azure client). Tests add an exporter with <c>ConfigureOpenTelemetryTracerProvider</c>.
    /// </summary>
    public static IHostApplicationBuilder AddWalletGatewayTracing(this IHostApplicationBuilder builder, string serviceName)
    {
        var options = TracingOptions.Read(builder.Configuration);
        if (!options.Enabled)
        {
            return builder;
        }

        AppContext.SetSwitch(AzureActivitySourceSwitch, true);
        builder.Services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.ConfigureResource(WalletGatewayOperations.ServiceResource(serviceName))
                .AddSource(Sources)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !Untraced.Any(p => http.Request.Path.StartsWithSegments(p)))
                .AddHttpClientInstrumentation();
            if (options.OtlpEndpoint is { } endpoint)
            {
                tracing.AddOtlpExporter(o => o.Endpoint = endpoint);
            }
        });
        return builder;
    }
}
