using System.Diagnostics.Metrics;

namespace WalletGateway.LoadTests;

/// <summary>
/// Counts the gateway's durable writes (counter <c>walletgateway.storage.writes</c> of meter <c>WalletGateway.Storage</c>)
/// when the gateway runs in this process (tests). <paramref name="scope"/> limits it to one gateway's meters
/// (the <see cref="Meter.Scope"/>, i.e. its <c>IMeterFactory</c>) when several run side by side.
/// </summary>
public sealed class DurableWritesListener : IDisposable
{
    public const string MeterName = "WalletGateway.Storage";
    public const string InstrumentName = "walletgateway.storage.writes";
    private readonly MeterListener _listener = new();
    private long _writes;

    public DurableWritesListener(object? scope = null)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == InstrumentName && (scope is null || ReferenceEquals(instrument.Meter.Scope, scope)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _writes, value));
        _listener.Start();
    }

    public long Writes => Interlocked.Read(ref _writes);

    public void Dispose() => _listener.Dispose();
}
