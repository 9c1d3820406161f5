using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using WalletGateway.GroupCommitStorage;

namespace WalletGateway.Hosting;

/// <summary>
/// Where the durable grain state lives when one table of one account is not enough (section
/// <c>WalletGateway:Storage:Shards</c>, a list of <see cref="StorageShardOptions"/>): partition <c>p</c> of
/// <c>Orleans:GroupCommit:PartitionCount</c> lives in shard <c>p % shards</c> with all its rows (a card's state, its
/// audit records and its marker share a batch, and a batch cannot span tables). Nothing configured: the one table
/// <c>Orleans:GrainStateTable</c> of <c>ConnectionStrings:AzureStorage</c>, as before. Membership, reminders and the
/// chip index stay in <c>ConnectionStrings:AzureStorage</c> whatever the shards. See docs/architecture.md, "Storage".
/// </summary>
public static class StorageShards
{
    public const string Section = "WalletGateway:Storage:Shards";

    /// <summary>The configured shards (empty: unsharded), validated: a bad entry stops start-up with a message that names it, never its secret.</summary>
    public static IReadOnlyList<StorageShardOptions> Read(IConfiguration configuration)
    {
        var shards = configuration.GetSection(Section).Get<List<StorageShardOptions>>() ?? [];
        var errors = new List<string>();
        for (var i = 0; i < shards.Count; i++)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(shards[i], new(shards[i]), results, validateAllProperties: true))
            {
                errors.AddRange(results.Select(r => $"{Section}:{i}: {r.ErrorMessage}"));
            }
            else if (!IsConnectionString(shards[i].ConnectionString))
            {
                errors.Add($"{Section}:{i}:{nameof(StorageShardOptions.ConnectionString)} is not a valid Azure Storage connection string.");
            }
        }

        return errors.Count == 0 ? shards : throw new InvalidOperationException($"Invalid '{Section}' settings: " + string.Join("; ", errors));
    }

    /// <summary>Checks that every shard's account answers, as the main account is checked.</summary>
    /// <exception cref="StorageUnreachableException">a shard's Table service did not answer.</exception>
    public static async Task EnsureReachableAsync(IReadOnlyList<StorageShardOptions> shards)
    {
        for (var i = 0; i < shards.Count; i++)
        {
            await StorageProbe.EnsureReachableAsync(shards[i].ConnectionString, $"{Section}:{i}");
        }
    }

    /// <summary>The group-commit shards, each with a client of the gateway's storage settings (<see cref="StorageProbe.ClientOptions"/>).</summary>
    public static List<GroupCommitShard> ToGroupCommitShards(IReadOnlyList<StorageShardOptions> shards) =>
        [.. shards.Select(s => new GroupCommitShard { TableServiceClient = StorageProbe.CreateClient(s.ConnectionString), TableName = s.TableName })];

    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = StorageProbe.CreateClient(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
