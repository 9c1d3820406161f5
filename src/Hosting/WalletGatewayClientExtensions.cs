using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace WalletGateway.Hosting;

public static class WalletGatewayClientExtensions
{
    /// <summary>How often the client rereads the gateway list from the membership table.</summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The client's grain buckets (Orleans' default 8,192): each bucket's calls go through one gateway. A few hundred still
    /// spread grains over any realistic gateway count, and keep the frontend's search for a session id in its device's
    /// bucket short (~256 hashes, tens of microseconds; <c>SessionIdMinter</c>).
    /// </summary>
    public const int ClientSenderBuckets = 256;

    /// <summary>
    /// Connects to a separate silo cluster as an Orleans client (frontend in client mode), after checking that
    /// the storage holding the membership table answers. The client hosts no grains: see <see cref="ClientGrainClasses"/>.
    /// </summary>
    public static async Task<IHostApplicationBuilder> AddWalletGatewayClientAsync(this IHostApplicationBuilder builder)
    {
        var (cluster, connectionString) = await WalletGatewayClusterOptions.ReadReachableAsync(builder.Configuration);
        var operations = WalletGatewayOperations.ReadOptions(builder.Configuration);
        var tracing = WalletGatewayTracing.IsEnabled(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            if (operations.Dashboard)
            {
                client.AddDashboard(operations.ConfigureDashboard);
            }

            if (tracing)
            {
                // The request's trace context travels with each grain call to the silo.
                client.AddActivityPropagation();
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            client.UseAzureStorageClustering(o =>
            {
                o.TableServiceClient = StorageProbe.CreateClient(connectionString);
                o.TableName = cluster.MembershipTable;
            });
            // A silo that joins or comes back from a restart is a gateway for new grains within seconds (the default is a
            // minute): a rolling restart must never leave the client with only the silo that is draining next.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefreshPeriod);
            client.Configure<ClientMessagingOptions>(o => o.ClientSenderBuckets = ClientSenderBuckets);
        });
        ClientGrainClasses.Exclude(builder.Services);
        return builder;
    }
}
