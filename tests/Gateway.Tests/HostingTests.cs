using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WalletGateway.Frontend.Hosting;
using WalletGateway.Grains.Sessions;
using WalletGateway.Hosting;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class HostingTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Startup_StorageUnreachable_FailsFastSayingWhatToStart()
    {
        var port = 1; // nothing listens on tcpmux
        var error = await Assert.ThrowsAsync<StorageUnreachableException>(() => GatewayApp.CreateAsync(GatewayFixture.DevelopmentArgs, builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:AzureStorage"] =
                    $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
            })));
        Assert.Contains("unreachable", error.Message);
        Assert.Contains("Azurite", error.Message);
        Assert.DoesNotContain("AccountKey", error.Message);
    }

    [Fact]
    public void Silo_DirectoryCacheDashboardSamplingAndLoadStatistics_AreTheGatewaysNotOrleansDefaults()
    {
        // Orleans' defaults cost an idle silo CPU every second (docs/operations.md, what an idle process costs).
        Assert.Equal(WalletGatewayClusterOptions.DefaultDirectoryCacheSize,
            fixture.GatewayServices.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
        Assert.Equal(WalletGatewayClusterOptions.DefaultLoadStatisticsPeriod,
            fixture.GatewayServices.GetRequiredService<IOptions<DeploymentLoadPublisherOptions>>().Value.DeploymentLoadPublisherRefreshTime);
        Assert.NotEqual(DeploymentLoadPublisherOptions.DEFAULT_DEPLOYMENT_LOAD_PUBLISHER_REFRESH_TIME, WalletGatewayClusterOptions.DefaultLoadStatisticsPeriod);
        Assert.Equal(OperationsOptions.DefaultDashboardUpdateInterval.TotalMilliseconds,
            fixture.GatewayServices.GetRequiredService<IOptions<Orleans.Dashboard.DashboardOptions>>().Value.CounterUpdateIntervalMs);
    }

    [Fact]
    public async Task WarmUp_NotReadyUntilItRan_ThenReadyAndNoSessionLeftBehind()
    {
        var ct = TestContext.Current.CancellationToken;
        var sessions = fixture.GatewayServices.GetRequiredService<LocalSessions>();
        var before = sessions.Count;
        var warmUp = new GatewayWarmUp(fixture.Grains, fixture.GatewayServices.GetRequiredService<IOptions<SessionOptions>>(), NullLogger<GatewayWarmUp>.Instance);
        var check = new WarmUpReadyCheck(warmUp);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext(), ct)).Status);

        await warmUp.StartAsync(ct);
        await Eventually.TrueAsync(() => warmUp.IsDone);

        Assert.True(warmUp.Succeeded);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), ct)).Status);
        // Its throwaway sessions were deactivated, not left to the idle collection.
        await Eventually.TrueAsync(() => sessions.Count <= before);
        await warmUp.StopAsync(ct);
    }

    [Fact]
    public async Task ClientMode_FrontendWithoutSilo_ProvisionsThroughTheCluster()
    {
        var settings = new Dictionary<string, string?>(fixture.LastSettings) { ["Gateway:Mode"] = "Client", ["Operations:Port"] = GatewayFixture.FreePort().ToString() };
        await using var frontend = await GatewayApp.CreateAsync(GatewayFixture.DevelopmentArgs, builder => builder.Configuration.AddInMemoryCollection(settings));
        await frontend.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = GatewayFixture.AddressOf(frontend) };
            var client = new GatewayClient(http);
            var (memberId, code) = await fixture.CreateMemberAsync();
            var token = (await client.RegisterDeviceAsync("phone", "1")).DeviceToken;
            var result = await new ProvisioningRunner(client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code);
            Assert.Equal("active", result.Status);

            // The client provisioned through the cluster knowing no grain class: every grain ran on the silo. The
            // co-hosted gateway of the fixture, same executable, does list them, so the check is not vacuous.
            Assert.DoesNotContain(GrainClasses(frontend.Services), IsFromGrainsAssembly);
            Assert.Contains(GrainClasses(fixture.GatewayServices), IsFromGrainsAssembly);
        }
        finally
        {
            await frontend.StopAsync();
        }
    }

    [Fact]
    public void Frontend_OwnCode_UsesNoGrainImplementationType()
    {
        // The compiler records an assembly reference only for assemblies whose types the code uses: the frontend's
        // endpoints, security, limits and problems speak to grains through WalletGateway.Grains.Interfaces alone.
        // (The grain assembly is still shipped with the executable, for the co-hosted mode, through WalletGateway.Hosting.)
        var references = typeof(GatewayApp).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        Assert.Contains(GrainsInterfacesAssembly, references);
        Assert.DoesNotContain(GrainsAssembly, references);
    }

    private const string GrainsAssembly = "WalletGateway.Grains";

    private const string GrainsInterfacesAssembly = "WalletGateway.Grains.Interfaces";

    private static IReadOnlyCollection<Type> GrainClasses(IServiceProvider services) =>
        services.GetRequiredService<IOptions<GrainTypeOptions>>().Value.Classes;

    private static bool IsFromGrainsAssembly(Type type) => type.Assembly.GetName().Name == GrainsAssembly;
}
