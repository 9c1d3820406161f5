using System.Diagnostics.Metrics;

namespace WalletGateway.GroupCommitStorage;

/// <summary>
/// What the provider has committed since start: counters read by tests and benchmarks, and the same
/// figures as OpenTelemetry instruments (meter <see cref="MeterName"/>) when a meter factory is given.
/// </summary>
public sealed class GroupCommitStatistics
{
    public const string MeterName = "WalletGateway.GroupCommitStorage";

    private readonly Histogram<int>? _batchSize;
    private long _batches;
    private long _entities;
    private long _sharedBatches;
    private long _largestBatch;
    private long _conflicts;
    private long _failures;

    public GroupCommitStatistics(IMeterFactory? meterFactory = null)
    {
        if (meterFactory is null)
        {
            return;
        }

        var meter = meterFactory.Create(MeterName);
        _batchSize = meter.CreateHistogram<int>("walletgateway.storage.group_commit.batch_size", "{entity}", "Entities per committed batch.");
        meter.CreateObservableCounter("walletgateway.storage.group_commit.batches", () => Batches, "{batch}", "Batches committed.");
        meter.CreateObservableCounter("walletgateway.storage.group_commit.conflicts", () => Conflicts, "{write}", "Writes refused for their ETag.");
        meter.CreateObservableCounter("walletgateway.storage.group_commit.failures", () => Failures, "{write}", "Batches or writes that failed otherwise.");
    }

    /// <summary>Batches (or lone writes) the service confirmed.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Writes and clears the service confirmed.</summary>
    public long Entities => Interlocked.Read(ref _entities);

    /// <summary>Confirmed batches that carried more than one write.</summary>
    public long SharedBatches => Interlocked.Read(ref _sharedBatches);

    /// <summary>The most writes confirmed in one batch.</summary>
    public long LargestBatch => Interlocked.Read(ref _largestBatch);

    /// <summary>Writes refused because the row's ETag was not the one the grain held.</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Batches without a per-row answer, and writes refused for other reasons.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    internal void Committed(int entities)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _entities, entities);
        if (entities > 1)
        {
            Interlocked.Increment(ref _sharedBatches);
        }

        long largest;
        while (entities > (largest = Interlocked.Read(ref _largestBatch)) &&
               Interlocked.CompareExchange(ref _largestBatch, entities, largest) != largest)
        {
        }

        _batchSize?.Record(entities);
    }

    internal void Conflicted() => Interlocked.Increment(ref _conflicts);

    internal void Failed() => Interlocked.Increment(ref _failures);
}
