using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WalletGateway.Frontend.Hosting;
using WalletGateway.Grains;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Members;
using WalletGateway.IssuerSimulator;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The real stack on loopback: the issuer simulator and the gateway (co-hosted silo) on Kestrel,
/// grain state and membership in the Azurite that test.sh starts (WALLETGATEWAY_TEST_STORAGE).
/// Each fixture uses its own cluster id and state table, so runs never see each other's data.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public static readonly byte[] MasterKey = Convert.FromHexString("404142434445464748494A4B4C4D4E4F");

    /// <summary>The environment the test gateways run in: Development accepts the development secrets.</summary>
    public static readonly string[] DevelopmentArgs = ["--environment", "Development"];

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

    /// <summary>The lockout shard grain that counts <paramref name="memberId"/>'s wrong codes, as the gateway finds it.</summary>
    public IMemberLockoutGrain MemberLockout(string issuerId, string memberId) => Grains.GetGrain<IMemberLockoutGrain>(
        MemberLockoutShard.Key(issuerId, memberId, GatewayServices.GetRequiredService<IOptions<MemberLockoutOptions>>().Value.Shards));

    /// <summary>The settings the running gateway was started with (ports, tables, cluster id).</summary>
    public IReadOnlyDictionary<string, string?> LastSettings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>A protocol client whose requests come, as a trusted proxy says, from <paramref name="clientAddress"/>.</summary>
    public GatewayClient ClientFrom(string clientAddress) => new(HttpFrom(clientAddress));

    public HttpClient HttpFrom(string clientAddress)
    {
        var http = new HttpClient { BaseAddress = Gateway.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return http;
    }

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

    /// <summary>Settings a derived fixture adds or overrides (limits, networks, issuer ceilings).</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>What a derived fixture adds to the gateway's builder (e.g. a logger provider that records every line).</summary>
    protected virtual void ConfigureGateway(WebApplicationBuilder builder)
    {
    }

    /// <summary>
    /// Starts one more co-hosted silo + frontend in the same cluster (same storage, cluster id, tables)
    /// and waits until every silo sees both as active.
    /// </summary>
    public async Task<WebApplication> StartSecondGatewayAsync()
    {
        var settings = Settings();
        var second = await GatewayApp.CreateAsync(DevelopmentArgs, builder => ConfigureTestGateway(builder, settings));
        await second.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var app in new[] { _gateway!, second })
        {
            var membership = app.Services.GetRequiredService<Orleans.Runtime.IClusterMembershipService>();
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(timeout.Token))
            {
                if (snapshot.Members.Values.Count(m => m.Status == Orleans.Runtime.SiloStatus.Active) >= 2)
                {
                    break;
                }
            }
        }

        return second;
    }

    /// <summary>The terminal address of <paramref name="app"/> (not its operations port).</summary>
    public static Uri AddressOf(WebApplication app) => new(Addresses(app).First(a => new Uri(a).Port != OperationsPort(app)) + "/");

    /// <summary>The operations listener of <paramref name="app"/>: /metrics and /dashboard.</summary>
    public static Uri OperationsAddressOf(WebApplication app) => new(Addresses(app).First(a => new Uri(a).Port == OperationsPort(app)) + "/");

    /// <summary>The operations listener of the fixture's gateway.</summary>
    public Uri OperationsAddress => OperationsAddressOf(_gateway!);

    private static ICollection<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;

    private static int OperationsPort(WebApplication app) => app.Configuration.GetValue<int>("Operations:Port");

    private Dictionary<string, string?> Settings()
    {
        var storage = Environment.GetEnvironmentVariable("WALLETGATEWAY_TEST_STORAGE")
            ?? throw new InvalidOperationException(
                "WALLETGATEWAY_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite for them.");
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Operations:Port"] = FreePort().ToString(),
            ["ConnectionStrings:AzureStorage"] = storage,
            ["Orleans:ClusterId"] = "tests-" + _suffix,
            ["Orleans:ServiceId"] = "walletgateway-tests",
            ["Orleans:SiloPort"] = FreePort().ToString(),
            ["Orleans:GatewayPort"] = FreePort().ToString(),
            ["Orleans:GrainStateTable"] = "TestState" + _suffix,
            ["Orleans:MembershipTable"] = "TestCluster" + _suffix,
            ["Orleans:ReminderTable"] = "TestReminders" + _suffix,
            ["WalletGateway:Audit:TableName"] = "TestAudit" + _suffix,
            ["WalletGateway:Audit:ChipIndexTableName"] = "TestChipCards" + _suffix,
            ["Logging:LogLevel:Default"] = "Warning",
            ["WalletGateway:Issuers:demo-card:BaseUrl"] = new Uri(SimulatorUri, "issuers/demo-card/").ToString(),
            ["WalletGateway:Issuers:sample-bank:BaseUrl"] = new Uri(SimulatorUri, "issuers/sample-bank/").ToString(),
        };
        Configure(settings);
        LastSettings = settings;
        return settings;
    }

    /// <summary>What every gateway of this fixture gets: its settings, the fixture's clock, meters of its own (HostTaggedMeterFactory).</summary>
    private void ConfigureTestGateway(WebApplicationBuilder builder, IReadOnlyDictionary<string, string?> settings)
    {
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(new GatewayClock(Clock));
        builder.Services.AddSingleton<IMeterFactory, HostTaggedMeterFactory>();
    }

    private async Task StartGatewayAsync()
    {
        var settings = Settings();
        _gateway = await GatewayApp.CreateAsync(DevelopmentArgs, builder =>
        {
            ConfigureTestGateway(builder, settings);
            ConfigureGateway(builder);
        });
        await _gateway.StartAsync();
        Gateway?.Dispose();
        Gateway = new HttpClient { BaseAddress = AddressOf(_gateway) };
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

    /// <summary>Registers a device, or null when the gateway sheds the registration (saturated).</summary>
    public async Task<string?> RegisterDeviceOrShedAsync()
    {
        try
        {
            return await RegisterDeviceAsync();
        }
        catch (GatewayProblemException e) when (e.Status == 503)
        {
            return null;
        }
    }

    public static SoftSecureElement NewChip() => SoftSecureElement.CreateRandom(MasterKey);

    /// <summary>Provisions a new member's card onto a new chip; returns the chip, the result, the token and the member.</summary>
    public async Task<(SoftSecureElement Chip, ProvisioningResult Result, string Token, string MemberId)> ProvisionAsync(string issuerId = "demo-card")
    {
        var (memberId, code) = await CreateMemberAsync(issuerId);
        var token = await RegisterDeviceAsync();
        var chip = NewChip();
        var result = await new ProvisioningRunner(Client, chip).ProvisionAsync(token, issuerId, memberId, code);
        return (chip, result, token, memberId);
    }

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

    /// <summary>
    /// A port free now, for a listener the gateway binds a moment later. Taken below the kernel's ephemeral range
    /// (32768-60999): an ephemeral port released here could be the local port of any outgoing connection (Azurite, the
    /// simulator, silo to silo) before the gateway binds it (CI: "address already in use"); one of these is taken only by
    /// an explicit bind. Starts at a random place so that test processes do not walk the same ports.
    /// </summary>
    public static int FreePort()
    {
        for (var tries = 0; tries < PortRange; tries++)
        {
            var port = FirstPort + (int)((uint)Interlocked.Increment(ref _nextPort) % PortRange);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: the next one.
            }
        }

        throw new InvalidOperationException($"No free port in {FirstPort}-{FirstPort + PortRange - 1}.");
    }

    private const int FirstPort = 20_000;
    private const int PortRange = 10_000;
    private static int _nextPort = Random.Shared.Next(PortRange);

    private sealed record MemberCode(string MemberId, string AccessCode);
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
