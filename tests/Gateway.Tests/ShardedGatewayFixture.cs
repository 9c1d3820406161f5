namespace WalletGateway.Gateway.Tests;

/// <summary>
/// A gateway whose durable grain state is sharded (<c>WalletGateway:Storage:Shards</c>) over three tables in the three
/// accounts of the test Azurite (test.sh: <c>WALLETGATEWAY_TEST_STORAGE_SHARDS</c>).
/// </summary>
public sealed class ShardedGatewayFixture : GatewayFixture
{
    /// <summary>Connection string and table of each shard, in shard order.</summary>
    public List<(string ConnectionString, string Table)> Shards { get; } = [];

    protected override void Configure(IDictionary<string, string?> settings)
    {
        var accounts = (Environment.GetEnvironmentVariable("WALLETGATEWAY_TEST_STORAGE_SHARDS")
                ?? throw new InvalidOperationException("WALLETGATEWAY_TEST_STORAGE_SHARDS is not set: run the tests with ./test.sh."))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Shards.Clear();
        Shards.AddRange(accounts.Prepend(settings["ConnectionStrings:AzureStorage"]!)
            .Select((connectionString, i) => (connectionString, $"{settings["Orleans:GrainStateTable"]}s{i}")));
        for (var i = 0; i < Shards.Count; i++)
        {
            settings[$"WalletGateway:Storage:Shards:{i}:ConnectionString"] = Shards[i].ConnectionString;
            settings[$"WalletGateway:Storage:Shards:{i}:TableName"] = Shards[i].Table;
        }
    }
}
