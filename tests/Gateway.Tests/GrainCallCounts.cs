using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using WalletGateway.Grains;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// What <see cref="GrainCallLocality"/> counted on the silos of <paramref name="scopes"/> (their meter factories: other
/// collections' gateways run in the same process) since the last reset.
/// </summary>
/// <param name="scopes">The meter factories of the silos to count.</param>
public sealed class GrainCallCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string From, string Kind, string Grain), long> _counts = new();

    public GrainCallCounts(params IMeterFactory[] scopes)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GrainCallLocality.MeterName && scopes.Any(s => ReferenceEquals(instrument.Meter.Scope, s)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? from = null, kind = null, grain = null;
            foreach (var tag in tags)
            {
                from = tag.Key == "from" ? tag.Value as string : from;
                kind = tag.Key == "kind" ? tag.Value as string : kind;
                grain = tag.Key == "grain" ? tag.Value as string : grain;
            }

            _counts.AddOrUpdate((from!, kind!, grain!), value, (_, n) => n + value);
        });
        _listener.Start();
    }

    public void Reset() => _counts.Clear();

    public long Count(string from, string? grain = null, string? kind = null) =>
        _counts.Where(c => c.Key.From == from && (grain is null || c.Key.Grain == grain) && (kind is null || c.Key.Kind == kind)).Sum(c => c.Value);

    public override string ToString() => string.Join(", ", _counts.Select(c => $"{c.Key.From} {c.Key.Kind} {c.Key.Grain} {c.Value}"));

    public void Dispose() => _listener.Dispose();
}
