using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry.Trace;
using WalletGateway.Hosting;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// A gateway (co-hosted silo) with tracing on and an in-memory exporter instead of OTLP. The listeners are process-wide,
/// so <see cref="Spans"/> also holds spans of other fixtures' gateways running in parallel: tests select by trace id.
/// </summary>
public sealed class TracingFixture : GatewayFixture
{
    public SpanList Spans { get; } = new();

    public IEnumerable<Activity> InTrace(string traceId) => Spans.Snapshot().Where(a => a.TraceId.ToHexString() == traceId);

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings[TracingOptions.Section + ":" + nameof(TracingOptions.Enabled)] = "true";

    protected override void ConfigureGateway(WebApplicationBuilder builder) =>
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));

    /// <summary>The exporter adds from the threads that end spans; the test reads copies.</summary>
    public sealed class SpanList : Collection<Activity>
    {
        public Activity[] Snapshot()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
