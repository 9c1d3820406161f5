using Microsoft.Extensions.Logging;

namespace WalletGateway.GroupCommitStorage;

public sealed partial class GroupCommitGrainStorage
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Group-commit grain storage {Name} started on {Tables} (account/table of each shard): {PartitionCount} partitions, batch delay {MaxBatchDelayMs} ms, in {ElapsedMs} ms")]
    private partial void LogStarted(string name, string tables, int partitionCount, double maxBatchDelayMs, double elapsedMs);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error,
        Message = "State {StateName} of grain {GrainId} ({Length} bytes) cannot be deserialized")]
    private partial void LogUnreadable(string stateName, GrainId grainId, int length, Exception exception);
}
