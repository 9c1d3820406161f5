using Azure.Data.Tables;

namespace WalletGateway.GroupCommitStorage;

/// <summary>
/// One table of a sharded <see cref="GroupCommitGrainStorage"/>: a storage account (its client) and a table in it.
/// Partition <c>p</c> of <see cref="GroupCommitStorageOptions.PartitionCount"/> lives in shard <c>p % shards</c>
/// (<see cref="ShardOf"/>), with all its rows: a grain's state, its side rows and its markers.
/// </summary>
public sealed class GroupCommitShard
{
    /// <summary>The storage account's Table service. Required.</summary>
    public TableServiceClient? TableServiceClient { get; set; }

    /// <summary>The table in that account; created at silo start if missing.</summary>
    public string TableName { get; set; } = "";

    /// <summary>
    /// The shard holding partition <paramref name="partition"/>: round robin, so consecutive partitions (and the
    /// per-partition work, such as one sweep per partition) spread evenly, and a partition's shard depends only on the
    /// partition and the shard count. Changing the shard count moves partitions between tables (a migration).
    /// </summary>
    public static int ShardOf(int partition, int shardCount) => partition % shardCount;
}
