using Microsoft.Extensions.Configuration;

namespace WalletGateway.Hosting;

/// <summary>
/// OpenTelemetry tracing (configuration section <c>WalletGateway:Tracing</c>). Off unless <see cref="Enabled"/> or the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; off, the process creates no tracer provider and propagates nothing.
/// </summary>
public sealed class TracingOptions
{
    public const string Section = "WalletGateway:Tracing";

    /// <summary>The standard variable of OpenTelemetry SDKs; set, it turns tracing on and names the OTLP collector.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Record spans (also on when an OTLP endpoint is configured).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The OTLP collector (gRPC, e.g. <c>http://127.0.0.1:4317</c>); falls back to <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.
    /// Neither set: spans are recorded but exported only by exporters the host adds itself (tests).
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The section, with <see cref="OtlpEndpointVariable"/> as the endpoint when the section names none.</summary>
    public static TracingOptions Read(IConfiguration configuration)
    {
        var options = new TracingOptions();
        configuration.GetSection(Section).Bind(options);
        if (options.OtlpEndpoint is null && configuration[OtlpEndpointVariable] is { Length: > 0 } endpoint)
        {
            options.OtlpEndpoint = new Uri(endpoint, UriKind.Absolute);
        }

        options.Enabled |= options.OtlpEndpoint is not null;
        return options;
    }
}
