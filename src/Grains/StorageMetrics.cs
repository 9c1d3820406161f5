using System.Diagnostics.Metrics;

namespace WalletGateway.Grains;

/// <summary>Durable writes: the scarce resource (~1.2 ms of Azurite each on this machine).</summary>
public sealed class StorageMetrics
{
    public const string MeterName = "WalletGateway.Storage";

    private readonly Counter<long> _writes;
    private readonly Counter<long> _failedWrites;

    public StorageMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _writes = meter.CreateCounter<long>("walletgateway.storage.writes", "{write}", "Durable grain state writes confirmed by storage.");
        _failedWrites = meter.CreateCounter<long>("walletgateway.storage.write_failures", "{write}", "Durable grain state writes that failed.");
    }

    public void Written(string grainType) => _writes.Add(1, new KeyValuePair<string, object?>("grain", grainType));

    public void Failed(string grainType) => _failedWrites.Add(1, new KeyValuePair<string, object?>("grain", grainType));
}
