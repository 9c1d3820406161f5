using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime;
using WalletGateway.Grains;
using WalletGateway.GroupCommitStorage;

namespace WalletGateway.Hosting;

public static class WalletGatewaySiloExtensions
{
    /// <summary>
    /// Hosts an Orleans silo: Azure Table clustering and Azure Table grain storage from
    /// <c>ConnectionStrings:AzureStorage</c>, after checking that the storage answers. Durable grain
    /// state goes through Orleans' provider or the group-commit one, as <c>Orleans:GrainStorage</c> says.
    /// </summary>
    public static async Task<IHostApplicationBuilder> AddWalletGatewaySiloAsync(this IHostApplicationBuilder builder)
    {
        DevelopmentSecrets.EnsureNoneOutsideDevelopment(builder, DevelopmentSecrets.SiloSettings);
        var (cluster, connectionString) = await WalletGatewayClusterOptions.ReadReachableAsync(builder.Configuration);

        var operations = WalletGatewayOperations.ReadOptions(builder.Configuration);
        builder.Services.AddWalletGatewayGrainServices();
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
                silo.AddDashboard();
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
            if (cluster.GrainStorage == WalletGatewayClusterOptions.GroupCommitStorage)
            {
                var tuning = builder.Configuration.GetSection(WalletGatewayClusterOptions.GroupCommitSection);
                silo.AddGroupCommitGrainStorage(StorageNames.Durable, o =>
                {
                    tuning.Bind(o);
                    o.TableServiceClient = StorageProbe.CreateClient(connectionString);
                    o.TableName = cluster.GrainStateTable;
                });
            }
            else
            {
                silo.AddAzureTableGrainStorage(StorageNames.Durable, o =>
                {
                    o.TableServiceClient = StorageProbe.CreateClient(connectionString);
                    o.TableName = cluster.GrainStateTable;
                });
            }
        });
        // After UseOrleans: hosted services start in order, so the silo is up when the warm-up calls grains.
        builder.Services.AddSingleton<GatewayWarmUp>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GatewayWarmUp>());
        builder.Services.AddHealthChecks().AddCheck<WarmUpReadyCheck>("warm-up", tags: ["ready"]);
        return builder;
    }
}
