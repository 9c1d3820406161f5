using System.Net;
using WalletGateway.LoadTests;
using WalletGateway.LoadTests.Scenarios;

namespace WalletGateway.Gateway.Tests;

/// <summary><c>--gateway</c> as a repeated option and as a comma list, and the terminals spread round-robin over the frontends.</summary>
public sealed class GatewayListTests
{
    [Fact]
    public void CampaignConfig_GatewayRepeatedAndListed_AllFrontendsInOrderDefaultReplaced()
    {
        var config = CampaignConfig.Parse(["--gateway", "http://127.0.0.1:5080", "--gateway", "http://127.0.0.1:5081/, http://10.0.0.2:5080/"]);

        Assert.Equal(["http://127.0.0.1:5080/", "http://127.0.0.1:5081/", "http://10.0.0.2:5080/"], Gateways.Parse(config.Gateway).Select(u => u.ToString()));
        Assert.Equal(["http://127.0.0.1:5080/"], Gateways.Parse(CampaignConfig.Parse([]).Gateway).Select(u => u.ToString()));
        Assert.Equal(["http://127.0.0.1:6000/"], Gateways.Parse(CampaignConfig.Parse(["--gateway", "http://127.0.0.1:6000/"]).Gateway).Select(u => u.ToString()));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:5080/")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("http://127.0.0.1:5080/,http://127.0.0.1:5080")]
    [InlineData(" , ")]
    public void Gateways_BadList_UsageError(string list)
    {
        Assert.Throws<FormatException>(() => Gateways.Parse(list));
        Assert.Throws<FormatException>(() => CampaignConfig.Parse(["--gateway", list]));
    }

    [Fact]
    public async Task TerminalPool_ThreeFrontends_NewDevicesTakeThemInTurnAndTalkToTheirOwn()
    {
        var handlers = Enumerable.Range(0, 3).Select(_ => new RegistrationStub()).ToArray();
        var clients = handlers.Select((h, i) => new HttpClient(h) { BaseAddress = new Uri($"http://127.0.0.1:{5080 + i}/") }).ToArray();
        var target = new GatewayTarget(clients[0], clients[0]) { Frontends = clients };
        var pool = new TerminalPool(target);

        var terminals = new List<VirtualTerminal>();
        for (var i = 0; i < 7; i++)
        {
            terminals.Add(await pool.RegisterAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal([0, 1, 2, 0, 1, 2, 0], terminals.Select(t => t.Frontend));
        Assert.Equal([3, 2, 2], handlers.Select(h => h.Requests));
        Assert.Same(target.FrontendClients[1], target.ClientOf(terminals[4]));

        var requests = new FrontendRequests(target);
        requests.Add(terminals[0], 4);
        requests.Add(terminals[2], 5);
        Assert.Equal(
            new Dictionary<string, double>
            {
                ["requests via frontend 1 (http://127.0.0.1:5080/)"] = 4,
                ["requests via frontend 2 (http://127.0.0.1:5081/)"] = 0,
                ["requests via frontend 3 (http://127.0.0.1:5082/)"] = 5,
            },
            requests.Metrics());
    }

    [Fact]
    public void GatewayTarget_NoFrontendsSet_TheGatewayIsTheOnlyOne()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5080/") };
        var target = new GatewayTarget(http, http);

        Assert.Same(http, Assert.Single(target.Frontends));
        Assert.Single(target.FrontendClients);
        Assert.Throws<ArgumentException>(() => target with { Frontends = [] });
    }

    /// <summary>Answers <c>POST /v1/devices</c> as the gateway does, and counts the calls.</summary>
    private sealed class RegistrationStub : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _requests);
            Assert.Equal("/v1/devices", request.RequestUri!.AbsolutePath);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created)
            {
                Content = new StringContent($$"""{"deviceId":"d{{n}}","deviceToken":"token-{{n}}"}""", System.Text.Encoding.UTF8, "application/json"),
            });
        }
    }
}
