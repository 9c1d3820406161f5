using WalletGateway.Campaigns.Example;
using WalletGateway.LoadTests;
using WalletGateway.LoadTests.Dsl;
using WalletGateway.LoadTests.Scenarios;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The example campaign project's scenario (loadtests/Campaigns.Example), written in the C# campaign API, run for two
/// seconds at 3 cards a second against the test gateway through two frontend clients: every card ends active, none fails,
/// both frontends carry sessions; then through two gateways of one cluster. Nothing here asserts speed.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ExampleCampaignSmokeTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ProvisionCampaign_TwoFrontendsFewSeconds_CardsActiveNoFailureRequestsOnBoth()
    {
        var counters = new[] { new CountingHandler(), new CountingHandler() };
        using var first = new HttpClient(counters[0]) { BaseAddress = fixture.Gateway.BaseAddress };
        using var second = new HttpClient(counters[1]) { BaseAddress = fixture.Gateway.BaseAddress };
        var target = new GatewayTarget(first, fixture.Simulator) { Frontends = [first, second] };
        var scenario = ProvisionCampaign.Build(target)
            .WithLoadSimulations(Simulation.Inject(rate: 3, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(2)));

        var report = await CampaignRunner.RegisterScenarios(scenario)
            .WithThresholds("fail-rate < 1%", "dropped == 0")
            .WithSettings(s => s with { DrainTimeout = TimeSpan.FromSeconds(30) })
            .RunAsync(TestContext.Current.CancellationToken);

        var provision = report.Scenario(ProvisionCampaign.Name);
        Assert.Equal((6L, 6L, 0L), (provision.Started, provision.Iteration.Ok, provision.Iteration.Fail + provision.Dropped));
        Assert.Equal(["open 6/0", "authenticate 6/0", "relay-1 6/0", "relay-2 6/0"], provision.Steps.Select(s => $"{s.Name} {s.Ok}/{s.Fail}"));
        Assert.Equal(["201"], provision.Steps[0].StatusCodes.Keys);
        Assert.True(report.ThresholdsPassed);
        Assert.Equal(0, report.ExitCode);

        var viaFirst = provision.Extra[$"requests via frontend 1 ({fixture.Gateway.BaseAddress})"];
        var viaSecond = provision.Extra[$"requests via frontend 2 ({fixture.Gateway.BaseAddress})"];
        Assert.Equal(6 * 4, viaFirst + viaSecond);
        Assert.True(viaFirst > 0 && viaSecond > 0, $"{viaFirst} and {viaSecond} requests: the sessions did not spread");
        // The handlers saw those steps plus the devices registered before the load.
        Assert.Equal(viaFirst + viaSecond + provision.Extra["devices registered"], counters.Sum(c => c.Requests));
        Assert.True(counters[0].Requests >= viaFirst && counters[1].Requests >= viaSecond);
    }

    [Fact]
    public async Task ProvisionCampaign_SecondGatewayOfTheCluster_CardsProvisionedThroughBoth()
    {
        await using var secondGateway = await fixture.StartSecondGatewayAsync();
        using var second = new HttpClient { BaseAddress = GatewayFixture.AddressOf(secondGateway) };
        var target = new GatewayTarget(fixture.Gateway, fixture.Simulator) { Frontends = [fixture.Gateway, second] };
        var scenario = ProvisionCampaign.Build(target)
            .WithLoadSimulations(Simulation.Inject(rate: 2, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(2)));

        CampaignReport report;
        try
        {
            report = await CampaignRunner.RegisterScenarios(scenario).WithThresholds("fail-rate < 1%").RunAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            // Leave the cluster gracefully: a silo that just vanished keeps its grains' callers waiting until it is declared dead.
            await secondGateway.StopAsync();
        }

        var provision = report.Scenario(ProvisionCampaign.Name);
        Assert.Equal((4L, 4L, 0L), (provision.Started, provision.Iteration.Ok, provision.Iteration.Fail + provision.Dropped));
        Assert.True(provision.Extra[$"requests via frontend 2 ({second.BaseAddress})"] > 0);
        Assert.True(provision.Extra[$"requests via frontend 1 ({fixture.Gateway.BaseAddress})"] > 0);
        Assert.Equal(0, report.ExitCode);
    }

    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
