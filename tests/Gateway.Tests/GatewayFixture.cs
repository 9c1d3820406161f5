using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WalletGateway.Frontend.Extensions;
using WalletGateway.Grains;
using WalletGateway.IssuerSimulator;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The real stack on loopback: the issuer simulator and the gateway (co-hosted silo) on Kestrel,
/// grain state and membership in the Azurite that test.sh starts (WALLETGATEWAY_TEST_STORAGE).
/// Each fixture uses its own cluster id and state table, so runs never see each other's data.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public static readonly byte[] MasterKey = Convert.FromHexString("404142434445464748494A4B4C4D4E4F");

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private WebApplication? _simulator;
    private WebApplication? _gateway;

    /// <summary>The gateway's clock: tests move it to expire sessions and locks.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public HttpClient Gateway { get; private set; } = null!;

    public HttpClient Simulator { get; private set; } = null!;

    public GatewayClient Client { get; private set; } = null!;

    public Uri SimulatorUri { get; private set; } = null!;

    public IGrainFactory Grains => _gateway!.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider GatewayServices => _gateway!.Services;

    public async ValueTask InitializeAsync()
    {
        _simulator = IssuerSimulatorApp.Create(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await _simulator.StartAsync();
        SimulatorUri = new Uri(_simulator.Urls.First() + "/");
        Simulator = new HttpClient { BaseAddress = SimulatorUri };
        await StartGatewayAsync();
    }

    /// <summary>Stops the gateway process-equivalent and starts a fresh one on the same storage.</summary>
    public async Task RestartGatewayAsync()
    {
        await _gateway!.StopAsync();
        await _gateway.DisposeAsync();
        await StartGatewayAsync();
    }

    private async Task StartGatewayAsync()
    {
        var storage = Environment.GetEnvironmentVariable("WALLETGATEWAY_TEST_STORAGE")
            ?? throw new InvalidOperationException(
                "WALLETGATEWAY_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite for them.");
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:AzureStorage"] = storage,
            ["Orleans:ClusterId"] = "tests-" + _suffix,
            ["Orleans:ServiceId"] = "walletgateway-tests",
            ["Orleans:SiloPort"] = FreePort().ToString(),
            ["Orleans:GatewayPort"] = FreePort().ToString(),
            ["Orleans:GrainStateTable"] = "TestState" + _suffix,
            ["Orleans:MembershipTable"] = "TestCluster" + _suffix,
            ["Logging:LogLevel:Default"] = "Warning",
            ["WalletGateway:Issuers:demo-card:BaseUrl"] = new Uri(SimulatorUri, "issuers/demo-card/").ToString(),
            ["WalletGateway:Issuers:sample-bank:BaseUrl"] = new Uri(SimulatorUri, "issuers/sample-bank/").ToString(),
        };
        _gateway = await GatewayApp.CreateAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton(new GatewayClock(Clock));
        });
        await _gateway.StartAsync();
        var address = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Gateway?.Dispose();
        Gateway = new HttpClient { BaseAddress = new Uri(address + "/") };
        Client = new GatewayClient(Gateway);
    }

    public async Task<(string MemberId, string AccessCode)> CreateMemberAsync(string issuerId = "demo-card")
    {
        var response = await Simulator.PostAsJsonAsync($"admin/issuers/{issuerId}/members", new { count = 1 });
        response.EnsureSuccessStatusCode();
        var members = await response.Content.ReadFromJsonAsync<MemberCode[]>();
        return (members![0].MemberId, members[0].AccessCode);
    }

    public async Task<string> NewAccessCodeAsync(string memberId, string issuerId = "demo-card")
    {
        var response = await Simulator.PostAsync($"admin/issuers/{issuerId}/members/{memberId}/codes", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MemberCode>())!.AccessCode;
    }

    public async Task<string> RegisterDeviceAsync() =>
        (await Client.RegisterDeviceAsync("test phone", "1.0")).DeviceToken;

    public static SoftSecureElement NewChip() => SoftSecureElement.CreateRandom(MasterKey);

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.StopAsync();
            await _simulator.DisposeAsync();
        }

        Gateway?.Dispose();
        Simulator?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record MemberCode(string MemberId, string AccessCode);
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
