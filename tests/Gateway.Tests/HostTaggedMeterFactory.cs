using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The meter factory of a test gateway: as .NET's own (one meter per name, version and tags, marked with the factory as
/// its scope), but every meter also carries a tag unique to this gateway (<c>test.gateway</c>). Many gateways run in one
/// test process and create instruments of the same names. OpenTelemetry listens to meters by name across the process
/// and merges instruments of one identity into one stream, which it drops for good once any of them is disposed: a
/// second gateway that a test starts and stops would take the first gateway's series off the first one's /metrics (the
/// flaky <c>ObservabilityTests</c> failure). With the tag each gateway's instruments are an identity of their own. A real
/// process hosts one gateway, so production keeps .NET's factory.
/// </summary>
public sealed class HostTaggedMeterFactory : IMeterFactory
{
    /// <summary>The label of <see cref="Tag"/> on /metrics: OpenTelemetry exports a meter's tags as <c>otel_scope_*</c> labels.</summary>
    public const string ScrapeLabel = "otel_scope_test_gateway";

    private readonly KeyValuePair<string, object?> _tag = new("test.gateway", Guid.NewGuid().ToString("N")[..12]);
    private readonly ConcurrentDictionary<string, Meter> _meters = new();

    /// <summary>This gateway's tag value: its series on a /metrics shared with other gateways' are those with <see cref="ScrapeLabel"/> = this.</summary>
    public string Tag => (string)_tag.Value!;

    public Meter Create(MeterOptions options)
    {
        var tags = (options.Tags ?? []).Append(_tag).OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
        var key = $"{options.Name}|{options.Version}|{string.Join(',', tags.Select(t => $"{t.Key}={t.Value}"))}";
        return _meters.GetOrAdd(key, _ => new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = tags, Scope = this }));
    }

    public void Dispose()
    {
        foreach (var meter in _meters.Values)
        {
            meter.Dispose();
        }

        _meters.Clear();
    }
}
