using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Records every measurement of one instrument, with its tags, until disposed. Given a scope (a gateway's
/// <see cref="IMeterFactory"/>, which marks its meters with itself) it sees that gateway's measurements only: the
/// gateways of other test collections run in the same process and measure in parallel.
/// </summary>
internal sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public InstrumentRecorder(string instrumentName, IMeterFactory? scope = null)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == instrumentName && (scope is null || ReferenceEquals(instrument.Meter.Scope, scope)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Add(value, tags));
        _listener.Start();
    }

    /// <summary>What was recorded so far, in the order it was measured.</summary>
    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    /// <summary>The sum of the values whose tag <paramref name="key"/> is <paramref name="value"/>.</summary>
    public double Sum(string key, string value) => Measurements.Where(m => m[key] == value).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();

    /// <summary>
    /// Waits until the gateway has written nothing for <paramref name="quiet"/>: the work that earlier tests' cards do
    /// after their answers (a chip index row within 1 s, a marker removal within 5 s) is then over and is not counted.
    /// </summary>
    public static async Task WritesSettledAsync(IMeterFactory scope, TimeSpan quiet)
    {
        using var writes = new InstrumentRecorder("walletgateway.storage.writes", scope);
        var seen = -1;
        var since = DateTime.UtcNow;
        for (var waited = 0; waited < 60; waited++)
        {
            if (writes.Measurements.Count != seen)
            {
                (seen, since) = (writes.Measurements.Count, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - since >= quiet)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(0.5));
        }
    }

    private void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var byKey = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            byKey[tag.Key] = tag.Value?.ToString();
        }

        _measurements.Enqueue(new Measurement(value, byKey));
    }

    internal sealed record Measurement(double Value, IReadOnlyDictionary<string, string?> Tags)
    {
        public string? this[string key] => Tags.GetValueOrDefault(key);
    }
}
