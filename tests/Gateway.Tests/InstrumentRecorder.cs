using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Records every measurement of one instrument, with its tags, until disposed. Given scopes (gateways'
/// <see cref="IMeterFactory"/>, which mark their meters with themselves) it sees those gateways' measurements only: the
/// gateways of other test collections run in the same process and measure in parallel.
/// </summary>
internal sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public InstrumentRecorder(string instrumentName, params IMeterFactory[] scopes)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == instrumentName && (scopes.Length == 0 || scopes.Any(s => ReferenceEquals(instrument.Meter.Scope, s))))
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
    public double Sum(string key, string value) => Sum((key, value));

    /// <summary>The sum of the values that carry every one of <paramref name="tags"/>.</summary>
    public double Sum(params (string Key, string Value)[] tags) => Measurements.Where(m => tags.All(t => m[t.Key] == t.Value)).Sum(m => m.Value);

    /// <summary>Each distinct tag set and its sum, for a failure message.</summary>
    public override string ToString() => string.Join(", ", Measurements.GroupBy(m => string.Join(" ", m.Tags.OrderBy(t => t.Key).Select(t => t.Value)))
        .Select(g => $"{g.Key} {g.Sum(m => m.Value)}"));

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
