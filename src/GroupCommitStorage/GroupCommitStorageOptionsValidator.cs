namespace WalletGateway.GroupCommitStorage;

/// <summary>Refuses to start a silo whose group-commit storage options cannot work.</summary>
public sealed class GroupCommitStorageOptionsValidator(GroupCommitStorageOptions options, string name) : IConfigurationValidator
{
    /// <inheritdoc/>
    public void ValidateConfiguration()
    {
        if (options.Shards.Count == 0)
        {
            Require(options.TableServiceClient is not null, nameof(GroupCommitStorageOptions.TableServiceClient), "is required");
            Require(!string.IsNullOrWhiteSpace(options.TableName), nameof(GroupCommitStorageOptions.TableName), "is required");
        }

        Require(options.PartitionCount is >= 1 and <= 1000, nameof(GroupCommitStorageOptions.PartitionCount), "must be 1 to 1000");
        ValidateShards();
        Require(options.MaxConcurrentBatches is >= 1 and <= 1000, nameof(GroupCommitStorageOptions.MaxConcurrentBatches), "must be 1 to 1000");
        Require(options.MaxBatchSize is >= 1 and <= GroupCommitStorageOptions.MaxTransactionEntities,
            nameof(GroupCommitStorageOptions.MaxBatchSize), $"must be 1 to {GroupCommitStorageOptions.MaxTransactionEntities}");
        Require(options.MaxBatchBytes is >= 64 * 1024 and < GroupCommitStorageOptions.MaxTransactionBytes,
            nameof(GroupCommitStorageOptions.MaxBatchBytes), $"must be 64 KiB to under {GroupCommitStorageOptions.MaxTransactionBytes} bytes");
        Require(options.MaxBatchDelay >= TimeSpan.Zero && options.MaxBatchDelay <= TimeSpan.FromSeconds(1),
            nameof(GroupCommitStorageOptions.MaxBatchDelay), "must be 0 to 1 s");
    }

    private void ValidateShards()
    {
        var shards = options.Shards;
        const string Shards = nameof(GroupCommitStorageOptions.Shards);
        Require(shards.Count <= options.PartitionCount, Shards,
            $"has {shards.Count} entries for {options.PartitionCount} partitions: a shard holds at least one partition");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < shards.Count; i++)
        {
            Require(shards[i].TableServiceClient is not null, $"{Shards}[{i}].{nameof(GroupCommitShard.TableServiceClient)}", "is required");
            Require(!string.IsNullOrWhiteSpace(shards[i].TableName), $"{Shards}[{i}].{nameof(GroupCommitShard.TableName)}", "is required");
            // The account's endpoint names it (no key in it); two shards on one table would mix their partitions' rows.
            Require(seen.Add($"{shards[i].TableServiceClient!.Uri}|{shards[i].TableName}"), $"{Shards}[{i}]",
                $"repeats table {shards[i].TableName} of account {shards[i].TableServiceClient!.AccountName}: each shard needs a table of its own");
        }
    }

    private void Require(bool condition, string option, string rule)
    {
        if (!condition)
        {
            throw new OrleansConfigurationException(
                $"Group-commit grain storage '{name}': {nameof(GroupCommitStorageOptions)}.{option} {rule}.");
        }
    }
}
