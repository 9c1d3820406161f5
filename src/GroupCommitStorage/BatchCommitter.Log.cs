using Microsoft.Extensions.Logging;

namespace WalletGateway.GroupCommitStorage;

internal sealed partial class BatchCommitter
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug,
        Message = "ETag conflict on state {StateName} of grain {GrainId} (held ETag {ETag}, status {Status}); the rest of its batch is retried")]
    private partial void LogConflict(string stateName, GrainId grainId, string? eTag, int status);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "A batch of {Count} writes in partition {PartitionKey} failed without a per-row answer; its writes fail and their grains re-read")]
    private partial void LogBatchFailed(int count, string partitionKey, Exception exception);
}
