using Azure.Data.Tables;

namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>
/// The group-commit provider over four shards in three Azurite accounts: a table of the same name in each account,
/// and a second table in the first one. 8 partitions, so each shard holds two.
/// </summary>
public class ShardedStorageFixture : StorageFixture
{
    private readonly string? _tableName;

    public ShardedStorageFixture()
    {
    }

    /// <summary>A second silo over the tables of <paramref name="tableName"/> (it does not delete them).</summary>
    protected ShardedStorageFixture(string tableName) => _tableName = tableName;

    public override string TableName => _tableName ?? base.TableName;

    public override int PartitionCount => 8;

    /// <summary>Account connection string and table of each shard, in shard order.</summary>
    public IReadOnlyList<(string ConnectionString, string Table)> Shards =>
    [
        (TestStorage.ConnectionString, TableName),
        .. TestStorage.ShardConnectionStrings.Select(c => (c, TableName)),
        (TestStorage.ConnectionString, TableName + "b"),
    ];

    /// <summary>Another silo over the same shards, as after a restart.</summary>
    public ShardedStorageFixture Again() => new(TableName);

    protected override void AddStorage(ISiloBuilder silo, TableServiceClient client) =>
        silo.AddGroupCommitGrainStorage(ProviderName, o =>
        {
            o.PartitionCount = PartitionCount;
            o.Shards = [.. Shards.Select(s => new GroupCommitShard { TableServiceClient = Client(s.ConnectionString), TableName = s.Table })];
        });

    protected override async Task DeleteTablesAsync()
    {
        if (_tableName is null)
        {
            foreach (var (connectionString, table) in Shards)
            {
                await new TableServiceClient(connectionString).DeleteTableAsync(table);
            }
        }
    }
}
