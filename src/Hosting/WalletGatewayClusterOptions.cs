using Microsoft.Extensions.Configuration;
using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Hosting;

/// <summary>
/// Where the cluster lives (configuration section <c>Orleans</c>) and the storage connection string
/// (<c>ConnectionStrings:AzureStorage</c>; the default is the local Azurite). The same settings
/// serve real Azure Storage.
/// </summary>
public sealed class WalletGatewayClusterOptions
{
    public const string Section = "Orleans";

    [Required]
    public string ClusterId { get; set; } = "walletgateway-dev";

    [Required]
    public string ServiceId { get; set; } = "walletgateway";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo on.</summary>
    [Required]
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Azure Table holding grain state.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string GrainStateTable { get; set; } = "WalletGatewayState";

    /// <summary>Azure Table holding cluster membership.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string MembershipTable { get; set; } = "WalletGatewayCluster";

    /// <summary>Azure Table holding reminders (a card's undelivered issuer notifications wake it through one).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string ReminderTable { get; set; } = "WalletGatewayReminders";

    /// <summary>
    /// Running in Kubernetes (<c>Microsoft.Orleans.Hosting.Kubernetes</c>): the silo takes its name, address and
    /// cluster identity from the pod and deletes the membership of silos whose pods are gone. Off on one machine.
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>
    /// Grain directory: <c>Distributed</c> (Orleans' strongly consistent directory, experimental in 10.x) hands its
    /// ranges over when a silo drains, so activations elsewhere survive; <c>Default</c> is the classic directory.
    /// Every silo of a cluster must use the same one.
    /// </summary>
    [Required, RegularExpression($"^({DistributedDirectory}|{DefaultDirectory})$",
        ErrorMessage = $"{nameof(GrainDirectory)} must be {DistributedDirectory} or {DefaultDirectory}.")]
    public string GrainDirectory { get; set; } = DistributedDirectory;

    public const string DistributedDirectory = "Distributed";

    /// <summary>
    /// Entries of each silo's grain directory cache (grain id to silo, LRU; Orleans' <c>GrainDirectoryOptions.CacheSize</c>).
    /// Orleans' default, 1,000,000, preallocates a dictionary of that many buckets, and its size gauge
    /// (<c>orleans-directory-cache-size</c>) counts the entries by walking every bucket: 4–8 ms of CPU on each metrics
    /// collection — every second for the dashboard, and on each scrape — whether the cache holds ten entries or a million,
    /// a third of an idle silo's CPU. 100,000 holds every grain a silo called in the last ~2.5 min at the plan's
    /// 200 cards/s per silo (3.2 activations a card), far longer for the devices and chips that come back; a miss costs
    /// one directory lookup, never a wrong answer (the directory itself is authoritative).
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int DirectoryCacheSize { get; set; } = DefaultDirectoryCacheSize;

    public const int DefaultDirectoryCacheSize = 100_000;

    /// <summary>
    /// How often each silo sends its load statistics (activation count, CPU, memory) to every other silo (Orleans'
    /// <c>DeploymentLoadPublisherOptions.DeploymentLoadPublisherRefreshTime</c>, default 1 s). Only load-aware placement
    /// reads them — Orleans' default placement, which none of the gateway's grains uses (they say where they go:
    /// docs/architecture.md#placement) — and it smooths them over time anyway. At 1 s a cluster of N silos sends
    /// N(N-1) calls a second for it: 6 of the ~8.6 calls a second a 3-silo cluster at rest sends between its silos.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LoadStatisticsPeriod { get; set; } = DefaultLoadStatisticsPeriod;

    public static readonly TimeSpan DefaultLoadStatisticsPeriod = TimeSpan.FromSeconds(10);

    public const string DefaultDirectory = "Default";

    /// <summary>
    /// Tuning of the durable grain storage (section <c>Orleans:GroupCommit</c>): the group-commit provider, which writes
    /// a card's state, its audit records and its marker in one batch transaction and lets writes of many grains share
    /// batches (see <c>WalletGateway.GroupCommitStorage.GroupCommitGrainStorage</c>).
    /// </summary>
    public const string GroupCommitSection = Section + ":GroupCommit";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("AzureStorage") ?? "UseDevelopmentStorage=true";

    /// <summary>The settings and the storage connection string, once the storage answers.</summary>
    /// <exception cref="StorageUnreachableException">the Table service did not answer.</exception>
    public static async Task<(WalletGatewayClusterOptions Cluster, string ConnectionString)> ReadReachableAsync(IConfiguration configuration)
    {
        var cluster = Read(configuration);
        var connectionString = ConnectionString(configuration);
        await StorageProbe.EnsureReachableAsync(connectionString);
        return (cluster, connectionString);
    }

    /// <summary>Reads and validates the section before Orleans is configured from it (a bad value stops start-up).</summary>
    public static WalletGatewayClusterOptions Read(IConfiguration configuration)
    {
        var options = new WalletGatewayClusterOptions();
        configuration.GetSection(Section).Bind(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new(options), results, validateAllProperties: true))
        {
            throw new InvalidOperationException($"Invalid '{Section}' settings: " + string.Join("; ", results.Select(r => r.ErrorMessage)));
        }

        return options;
    }
}
