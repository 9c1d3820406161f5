using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WalletGateway.Frontend.Hosting;
using WalletGateway.Frontend.Limits;
using WalletGateway.Hosting;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The doors at the edge: operations endpoints only on their own listener, development secrets refused outside
/// Development, forged device tokens and made-up issuer ids that cost the cluster nothing, IPv6 clients limited by their /64.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class EdgeSecurityTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("metrics")]
    [InlineData("dashboard/")]
    public async Task TerminalPort_HostForgedToOperationsPort_Answers404(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"127.0.0.1:{fixture.OperationsAddress.Port}";
        request.Headers.Add("X-Api-Key", OperatorFixture.ApiKey);
        using var response = await fixture.Gateway.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OperationsPort_AnswersMetrics_AndTheDashboardOnlyWithTheOperatorKey()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operations = new HttpClient { BaseAddress = fixture.OperationsAddress };
        using var metrics = await operations.GetAsync("metrics", ct);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        using var dashboard = await operations.GetAsync("dashboard/", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, dashboard.StatusCode);
    }

    [Fact]
    public async Task ForgedTokens_10000_ActivateNoGrainAndReadNoStorage()
    {
        var ct = TestContext.Current.CancellationToken;
        var stateTable = fixture.LastSettings["Orleans:GrainStateTable"]!;
        using var storageRequests = new InstrumentRecorder(StorageRequestCounter.InstrumentName);
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var before = await DeviceActivationsAsync(management);

        // Valid shape (device id, generation, 32-byte mac in base64url), wrong mac: each for a different device.
        var statuses = new int[10_000];
        await Parallel.ForAsync(0, statuses.Length, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var forged = $"{Guid.NewGuid():N}.1.{Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
            // The edge limiter may answer 429 to this flood from one address: come back when it says, the token is then checked.
            do
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "v1/cards?chipId=00112233445566778899");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
                using var response = await fixture.Gateway.SendAsync(request, token);
                statuses[i] = (int)response.StatusCode;
                if (response.Headers.RetryAfter?.Delta is { } after)
                {
                    await Task.Delay(after, token);
                }
            }
            while (statuses[i] == 429);
        });

        Assert.All(statuses, status => Assert.Equal(401, status));
        Assert.Equal(before, await DeviceActivationsAsync(management));
        // Each forged token names a device of its own, so a token check that read grain state would read it 10,000 times.
        // The counter is the process's, shared with the collection's earlier tests, whose grains may still be read or
        // written in the background during this window (a CI run saw 8 such requests): bound far below one a token.
        Assert.InRange(storageRequests.Sum("table", stateTable), 0d, statuses.Length / 100d);

        // The flood emptied this address's edge budget on the collection's shared gateway: hand it to the next test
        // full again (it refills at RequestsPerSecondPerAddress), or that test's own calls meet 429s not its own.
        var edge = fixture.GatewayServices.GetRequiredService<IOptions<EdgeOptions>>().Value;
        await Task.Delay(TimeSpan.FromSeconds((double)edge.BurstPerAddress / edge.RequestsPerSecondPerAddress), ct);
    }

    [Fact]
    public async Task OpenSession_MadeUpIssuerIds_ActivateNoIssuerGrain()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await fixture.RegisterDeviceAsync();
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        Assert.Equal(400, await OpenAsync(token, "warm-up-" + Guid.NewGuid().ToString("N")[..8], ct));
        var before = await ActivationsAsync(management, "Issuer");

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(400, await OpenAsync(token, "made-up-" + Guid.NewGuid().ToString("N")[..12], ct));
        }

        Assert.Equal(before, await ActivationsAsync(management, "Issuer"));
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    public void RateLimitPartition_IPv6_IsTheClientsSlash64(string address, string partition) =>
        Assert.Equal(partition, EdgeLimits.PartitionOf(IPAddress.Parse(address)));

    [Theory]
    [InlineData(DevelopmentSecrets.AdminKey, "dev-admin-key")]
    [InlineData(DevelopmentSecrets.MasterKey, "404142434445464748494A4B4C4D4E4F")]
    [InlineData(DevelopmentSecrets.DeviceTokenKey, "dev-device-token-key-0123456789abcdef")]
    [InlineData("WalletGateway:Issuers:demo-card:Password", "demo-card-dev-secret")]
    [InlineData("WalletGateway:Issuers:demo-card:ApiKey", DevelopmentSecrets.DemoCardIssuerApiKey)]
    [InlineData(DevelopmentSecrets.AuditChainKey, "6465762D61756469742D636861696E2D6B65792D6E6F742D666F722D70726F64")]
    [InlineData(DevelopmentSecrets.IssuerSecretsKey, "6465762D6973737565722D736563726574732D6B65792D6E6F742D70726F6421")]
    [InlineData(DevelopmentSecrets.AuditChainKey, null)]
    [InlineData(DevelopmentSecrets.AdminKey, null)]
    public async Task Production_WithADevelopmentSecret_RefusesToStartNamingTheSetting(string setting, string? value)
    {
        var settings = ProductionSettings();
        settings[setting] = value;
        var exit = await GatewayProcess.RunAsync(async () => await GatewayApp.CreateAsync([], builder => builder.Configuration.AddInMemoryCollection(settings)));
        Assert.Equal(3, exit);
        var error = await Assert.ThrowsAsync<InsecureConfigurationException>(() =>
            GatewayApp.CreateAsync([], builder => builder.Configuration.AddInMemoryCollection(settings)));
        Assert.Contains(setting, error.Message);
        if (value is not null)
        {
            Assert.DoesNotContain(value, error.Message);
        }
    }

    [Fact]
    public async Task Production_WithSecretsOfItsOwn_Starts()
    {
        await using var app = await GatewayApp.CreateAsync([], builder => builder.Configuration.AddInMemoryCollection(ProductionSettings()));
        await app.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            using var http = new HttpClient { BaseAddress = GatewayFixture.AddressOf(app) };
            using var health = await http.GetAsync("healthz", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A cluster of its own (not the fixture's) with secrets that appear nowhere in the repository.</summary>
    private Dictionary<string, string?> ProductionSettings()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        return new Dictionary<string, string?>(fixture.LastSettings)
        {
            ["Operations:Port"] = GatewayFixture.FreePort().ToString(),
            ["Orleans:SiloPort"] = GatewayFixture.FreePort().ToString(),
            ["Orleans:GatewayPort"] = GatewayFixture.FreePort().ToString(),
            ["Orleans:ClusterId"] = "prod-" + suffix,
            ["Orleans:MembershipTable"] = "ProdCluster" + suffix,
            ["Orleans:GrainStateTable"] = "ProdState" + suffix,
            ["Orleans:ReminderTable"] = "ProdReminders" + suffix,
            [DevelopmentSecrets.AdminKey] = "op-" + Guid.NewGuid().ToString("N"),
            [DevelopmentSecrets.MasterKey] = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
            [DevelopmentSecrets.DeviceTokenKey] = "tk-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            ["WalletGateway:Issuers:demo-card:Password"] = "pw-" + Guid.NewGuid().ToString("N"),
            ["WalletGateway:Issuers:sample-bank:Password"] = "pw-" + Guid.NewGuid().ToString("N"),
            [DevelopmentSecrets.AuditChainKey] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            [DevelopmentSecrets.IssuerSecretsKey] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
        };
    }

    private static Task<int> DeviceActivationsAsync(IManagementGrain management) => ActivationsAsync(management, "DeviceGrain");

    internal static async Task<int> ActivationsAsync(IManagementGrain management, string grainType) =>
        (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains(grainType, StringComparison.Ordinal)).Sum(s => s.ActivationCount);

    private async Task<int> OpenAsync(string token, string issuerId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/sessions")
        {
            Content = JsonContent.Create(new { issuerId, chipId = "00112233445566778899" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await fixture.Gateway.SendAsync(request, ct);
        return (int)response.StatusCode;
    }
}
