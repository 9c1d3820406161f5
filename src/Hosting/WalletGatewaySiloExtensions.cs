using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime;
using WalletGateway.Grains;
using WalletGateway.Grains.Interfaces;
using WalletGateway.GroupCommitStorage;

namespace WalletGateway.Hosting;

public static class WalletGatewaySiloExtensions
{
    /// <summary>
    /// Partitions of the durable grain storage unless <c>Orleans:GroupCommit:PartitionCount</c> says otherwise: few enough
    /// that concurrent writes share batches at a few hundred cards/s, and each one sweep query per period; many enough
    /// for a real Azure partition (~2,000 entities/s each). Fixed for the life of a table.
    /// </summary>
    public const int DurablePartitions = 8;

    /// <summary>
    /// Hosts an Orleans silo: Azure Table clustering and reminders from <c>ConnectionStrings:AzureStorage</c>, group-commit
    /// grain storage there too or over the shards of <see cref="StorageShards"/>, after checking that the storage answers.
    /// </summary>
    public static async Task<IHostApplicationBuilder> AddWalletGatewaySiloAsync(this IHostApplicationBuilder builder)
    {
        DevelopmentSecrets.EnsureNoneOutsideDevelopment(builder, DevelopmentSecrets.SiloSettings);
        var (cluster, connectionString) = await WalletGatewayClusterOptions.ReadReachableAsync(builder.Configuration);
        var shards = StorageShards.Read(builder.Configuration);
        await StorageShards.EnsureReachableAsync(shards);

        var operations = WalletGatewayOperations.ReadOptions(builder.Configuration);
        var tracing = WalletGatewayTracing.IsEnabled(builder.Configuration);
        builder.Services.AddWalletGatewayGrainServices();
        // The Table clients the grains make themselves (the chip index) count their requests like the silo's own; options
        // registered before (a test's fault injection) win.
        builder.Services.TryAddSingleton(StorageProbe.ClientOptions());
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SessionDrain>();
        builder.UseOrleans(silo =>
        {
            if (cluster.GrainDirectory == WalletGatewayClusterOptions.DistributedDirectory)
            {
                // Hands directory ranges over when a silo leaves gracefully; the default directory deactivates
                // every activation registered on the leaving silo, on every silo (sessions lost on a drain).
#pragma warning disable ORLEANSEXP003
                silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            }

            if (operations.Dashboard)
            {
                silo.AddDashboard(operations.ConfigureDashboard);
            }

            if (tracing)
            {
                // Trace context in and out of every grain call (a frontend's, another silo's); off, calls carry none.
                silo.AddActivityPropagation();
            }

            if (cluster.KubernetesHosting)
            {
                // Pod name/namespace and the cluster/service ids from the pod's labels; removes silos whose pods are gone.
                silo.UseKubernetesHosting();
            }

            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = cluster.DirectoryCacheSize);
            silo.Configure<DeploymentLoadPublisherOptions>(o => o.DeploymentLoadPublisherRefreshTime = cluster.LoadStatisticsPeriod);
            silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIPAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseAzureStorageClustering(o =>
            {
                o.TableServiceClient = StorageProbe.CreateClient(connectionString);
                o.TableName = cluster.MembershipTable;
            });
            silo.UseAzureTableReminderService(o =>
            {
                o.TableServiceClient = StorageProbe.CreateClient(connectionString);
                o.TableName = cluster.ReminderTable;
            });
            var tuning = builder.Configuration.GetSection(WalletGatewayClusterOptions.GroupCommitSection);
            silo.AddGroupCommitGrainStorage(StorageNames.Durable, o =>
            {
                o.PartitionCount = DurablePartitions;
                tuning.Bind(o);
                o.TableServiceClient = StorageProbe.CreateClient(connectionString);
                o.TableName = cluster.GrainStateTable;
                o.Shards = StorageShards.ToGroupCommitShards(shards);
            });
            // One sweep reminder per storage partition (none per card): registered by every silo at start, idempotently.
            silo.AddStartupTask(async (services, _) =>
            {
                var grains = services.GetRequiredService<IGrainFactory>();
                var partitions = services.GetRequiredService<IOptionsMonitor<GroupCommitStorageOptions>>().Get(StorageNames.Durable).PartitionCount;
                for (var i = 0; i < partitions; i++)
                {
                    await grains.GetGrain<ICardSweepGrain>(i).EnsureRunningAsync();
                }
            });
        });
        // After UseOrleans: hosted services start in order, so the silo is up when the warm-up calls grains.
        builder.Services.AddSingleton<GatewayWarmUp>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GatewayWarmUp>());
        builder.Services.AddHealthChecks().AddCheck<WarmUpReadyCheck>("warm-up", tags: ["ready"]);
        return builder;
    }
}
