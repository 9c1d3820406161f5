using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Hosting;

/// <summary>
/// One shard of the durable grain storage (an entry of <c>WalletGateway:Storage:Shards</c>): a storage account and a
/// table in it. See <see cref="StorageShards"/>.
/// </summary>
public sealed class StorageShardOptions
{
    /// <summary>The account's connection string. A secret (it holds the account key): never logged, never in an error message.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>The table in that account; created at silo start if missing.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string TableName { get; set; } = "";
}
