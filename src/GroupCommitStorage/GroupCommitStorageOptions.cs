using Azure.Data.Tables;
using Orleans.Storage;

namespace WalletGateway.GroupCommitStorage;

/// <summary>
/// Options of <see cref="GroupCommitGrainStorage"/>: where state lives and how writes are grouped into
/// Azure Table batch transactions.
/// </summary>
public sealed class GroupCommitStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Azure Table batch transactions take at most 100 entities.</summary>
    public const int MaxTransactionEntities = 100;

    /// <summary>Azure Table batch transactions take at most 4 MiB of request body.</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    /// <summary>The Table service. Required unless <see cref="Shards"/> are given.</summary>
    public TableServiceClient? TableServiceClient { get; set; }

    /// <summary>The table holding grain state; created at silo start if missing. Unused when <see cref="Shards"/> are given.</summary>
    public string TableName { get; set; } = "OrleansGrainState";

    /// <summary>
    /// Tables (in one or several storage accounts) that share the partitions: partition <c>p</c> lives in
    /// <c>Shards[p % Shards.Count]</c> (<see cref="GroupCommitShard.ShardOf"/>). Empty (the default): one table,
    /// <see cref="TableServiceClient"/> and <see cref="TableName"/>. Row keys and partition keys are the same in
    /// either case, so one shard is the unsharded layout. At most <see cref="PartitionCount"/> shards; the list is fixed
    /// for the life of the tables, as the partition count is.
    /// </summary>
    public IList<GroupCommitShard> Shards { get; set; } = [];

    /// <summary>
    /// Number of hash buckets, each one Azure Table partition, over all <see cref="Shards"/>. Fixed for the life of a
    /// table: changing it moves every grain to another partition, so existing state is no longer found.
    /// </summary>
    public int PartitionCount { get; set; } = 16;

    /// <summary>
    /// Longest time a write waits for other writes to share its batch. Only spent when the partition is
    /// idle while writes of other partitions are in flight; a write with nothing else pending goes at once.
    /// Zero never waits.
    /// </summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Most batches in flight at once, over all partitions. When storage is the bottleneck, writes then
    /// wait here, where they join batches, rather than in the service's queue one request each; raise it
    /// for a service that scales with parallel partitions (real Azure Storage), up to <see cref="PartitionCount"/>.
    /// </summary>
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>Most entities in one batch transaction (1 to <see cref="MaxTransactionEntities"/>).</summary>
    public int MaxBatchSize { get; set; } = MaxTransactionEntities;

    /// <summary>
    /// Most estimated request bytes in one batch transaction, below the service's 4 MiB with room for
    /// the multipart framing. A single entity larger than this still goes, alone.
    /// </summary>
    public int MaxBatchBytes { get; set; } = 3 * 1024 * 1024;

    /// <summary>
    /// <see langword="true"/>: a clear deletes the row. <see langword="false"/> (Orleans' default): a clear
    /// writes the row without data, keeping an ETag.
    /// </summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>Silo lifecycle stage at which the table is created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>The shards in use: <see cref="Shards"/>, or the one table of <see cref="TableServiceClient"/> and <see cref="TableName"/>.</summary>
    internal IReadOnlyList<GroupCommitShard> EffectiveShards() =>
        Shards.Count > 0 ? [.. Shards] : [new GroupCommitShard { TableServiceClient = TableServiceClient, TableName = TableName }];

    /// <inheritdoc/>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
