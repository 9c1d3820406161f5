using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace WalletGateway.Hosting;

public static class WalletGatewayClientExtensions
{
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
                client.AddDashboard();
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
        });
        ClientGrainClasses.Exclude(builder.Services);
        return builder;
    }
}
