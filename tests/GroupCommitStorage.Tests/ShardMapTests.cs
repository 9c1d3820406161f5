using Azure.Data.Tables;
using Orleans.Runtime;

namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>Which shard holds which partition, and the options that refuse a shard list that cannot work (no storage needed).</summary>
public sealed class ShardMapTests
{
    private const string Key = "a2V5LW9mLWEtdGVzdC1hY2NvdW50LW5vdC1hLXNlY3JldA==";

    [Fact]
    public void ShardOf_EightPartitionsThreeShards_RoundRobinAndTheSameEveryTime()
    {
        var shards = Enumerable.Range(0, 8).Select(p => GroupCommitShard.ShardOf(p, 3)).ToList();

        Assert.Equal([0, 1, 2, 0, 1, 2, 0, 1], shards);
        Assert.Equal(shards, Enumerable.Range(0, 8).Select(p => GroupCommitShard.ShardOf(p, 3)));
    }

    [Fact]
    public void ShardOf_ManyGrains_SpreadOverEveryShard()
    {
        var perShard = Enumerable.Range(0, 4000)
            .Select(i => GroupCommitShard.ShardOf(StateEntityCodec.Bucket(GrainId.Create("card", $"card-{i}"), 16), 4))
            .CountBy(s => s).ToDictionary();

        Assert.Equal(4, perShard.Count);
        Assert.All(perShard.Values, n => Assert.InRange(n, 800, 1200));
    }

    [Fact]
    public void EffectiveShards_NoneConfigured_TheOneTableOfBefore()
    {
        var client = Account("devstoreaccount1");
        var options = new GroupCommitStorageOptions { TableServiceClient = client, TableName = "State", PartitionCount = 8 };

        var shard = Assert.Single(options.EffectiveShards());

        Assert.Same(client, shard.TableServiceClient);
        Assert.Equal("State", shard.TableName);
        Assert.All(Enumerable.Range(0, 8), p => Assert.Equal(0, GroupCommitShard.ShardOf(p, 1)));
        Validate(options);
    }

    [Fact]
    public void Validate_ShardsWithoutTheSingleTableClient_Accepted()
    {
        Validate(new GroupCommitStorageOptions
        {
            PartitionCount = 4,
            Shards = [Shard("one", "State"), Shard("two", "State"), Shard("one", "State2")],
        });
    }

    [Fact]
    public void Validate_MoreShardsThanPartitions_RefusedNamingTheOption()
    {
        var error = Refusal(1, Shard("one", "State"), Shard("two", "State"));

        Assert.Contains("GroupCommitStorageOptions.Shards has 2 entries for 1 partitions", error);
    }

    [Fact]
    public void Validate_TwoShardsOnOneTable_RefusedWithoutTheAccountKey()
    {
        var error = Refusal(8, Shard("one", "State"), Shard("one", "State"));

        Assert.Contains("Shards[1] repeats table State of account one", error);
        Assert.DoesNotContain(Key, error);
    }

    [Fact]
    public void Validate_ShardWithoutClient_Refused()
    {
        var error = Refusal(8, Shard("one", "State"), new GroupCommitShard { TableName = "State" });

        Assert.Contains("Shards[1].TableServiceClient is required", error);
    }

    private static void Validate(GroupCommitStorageOptions options) => new GroupCommitStorageOptionsValidator(options, "durable").ValidateConfiguration();

    private static string Refusal(int partitions, params GroupCommitShard[] shards) =>
        Assert.Throws<OrleansConfigurationException>(() => Validate(new GroupCommitStorageOptions { PartitionCount = partitions, Shards = shards })).Message;

    private static GroupCommitShard Shard(string account, string table) => new() { TableServiceClient = Account(account), TableName = table };

    private static TableServiceClient Account(string name) =>
        new($"DefaultEndpointsProtocol=http;AccountName={name};AccountKey={Key};TableEndpoint=http://127.0.0.1:1/{name};");
}
