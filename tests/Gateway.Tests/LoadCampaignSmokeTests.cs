using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains;
using WalletGateway.LoadTests;
using WalletGateway.LoadTests.Scenarios;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The load runner's smoke campaign: a few seconds and a handful of cards against the test gateway, so CI proves
/// that the runner and the scenarios work. Nothing here asserts speed; real campaigns run by hand (BENCHMARKS.md).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class LoadCampaignSmokeTests(GatewayFixture fixture) : IDisposable
{
    private readonly string _reports = Path.Combine(Path.GetTempPath(), "walletgateway-smoke-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task ProvisionCampaign_HandfulOfCards_CardsActiveReportsWrittenThresholdsJudged()
    {
        // Only this gateway's writes are counted, although other collections run gateways in this process at the same
        // time: each gateway has its own service provider, hence its own IMeterFactory, and a meter made by a factory
        // has that factory as its Scope. The listener enables only instruments whose meter's Scope is this factory, so
        // another gateway's "walletgateway.storage.writes" is never enabled on it (shown by
        // DurableWritesListener_AnotherMeterFactory_ItsWritesNotCounted). Tests of this collection run one at a time.
        await InstrumentRecorder.WritesSettledAsync(fixture.GatewayServices.GetRequiredService<IMeterFactory>(), TimeSpan.FromSeconds(6));
        using var writes = new DurableWritesListener(fixture.GatewayServices.GetRequiredService<IMeterFactory>());
        // After the answer each card still writes its chip index and device index rows and removes its pending-work marker
        // (all grouped with other writes); the end reading waits for that background work (5 writes per card in all).
        var reads = 0;
        long atStart = 0;
        var target = new GatewayTarget(fixture.Gateway, fixture.Simulator)
        {
            DurableWrites = async _ =>
            {
                if (Interlocked.Increment(ref reads) == 1)
                {
                    return atStart = writes.Writes;
                }

                await Eventually.TrueAsync(() => writes.Writes - atStart >= 6 * 5);
                return writes.Writes;
            },
        };
        var settings = Settings("smoke-provision", "fail-rate < 1%", "ok >= 1000000");

        var report = await new Campaign(settings, [new ScenarioRun(new ProvisionScenario(target), [LoadSimulation.Inject(4, TimeSpan.FromSeconds(2))], MaxIterations: 6)])
            .RunAsync(ct: TestContext.Current.CancellationToken);
        var folder = Path.Combine(_reports, settings.RunName);
        ReportWriter.WriteAll(report, folder);

        var provision = report.Scenario("provision");
        Assert.Equal(6, provision.Started);
        Assert.Equal(6, provision.Iteration.Ok);
        Assert.Equal(0, provision.Iteration.Fail + provision.Dropped);
        Assert.Equal(["open", "authenticate", "relay-1", "relay-2"], provision.Steps.Select(s => s.Name));
        Assert.All(provision.Steps, s => Assert.Equal(6, s.Ok));
        Assert.Equal("201", Assert.Single(provision.Steps[0].StatusCodes).Key);
        Assert.Equal(4, provision.RequestsPerOkIteration);
        Assert.Equal(5, provision.Extra["durable writes per card"]);

        var passed = Assert.Single(report.Thresholds, t => t.Threshold == "fail-rate < 1%");
        var failed = Assert.Single(report.Thresholds, t => t.Threshold == "ok >= 1000000");
        Assert.True(passed.Passed);
        Assert.False(failed.Passed);
        Assert.Equal(1, report.ExitCode);

        foreach (var file in new[] { "report.html", "report.md", "steps.csv", "timeseries.csv", "report.json" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, file)).Length > 0, file);
        }

        Assert.Contains("<svg", File.ReadAllText(Path.Combine(folder, "report.html")), StringComparison.Ordinal);
        Assert.Contains("provision,relay-2,6,0", File.ReadAllText(Path.Combine(folder, "steps.csv")), StringComparison.Ordinal);
        Assert.Equal(6, ReportWriter.Read(Path.Combine(folder, "report.json")).Scenario("provision").Iteration.Ok);
    }

    [Fact]
    public void DurableWritesListener_AnotherMeterFactory_ItsWritesNotCounted()
    {
        using var mine = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var myFactory = mine.GetRequiredService<IMeterFactory>();
        using var writes = new DurableWritesListener(myFactory);

        new StorageMetrics(other.GetRequiredService<IMeterFactory>()).Written("card");
        Assert.Equal(0, writes.Writes);
        new StorageMetrics(myFactory).Written("card");
        Assert.Equal(1, writes.Writes);
    }

    [Fact]
    public async Task TamperAndRetryStormCampaigns_FewIterations_ForgeriesRefusedAndRetriesAnsweredAlike()
    {
        var target = new GatewayTarget(fixture.Gateway, fixture.Simulator);
        var plan = new[] { LoadSimulation.Inject(4, TimeSpan.FromSeconds(1)) };

        var report = await new Campaign(Settings("smoke-tamper-retry"),
            [new ScenarioRun(new TamperScenario(target), plan, MaxIterations: 2), new ScenarioRun(new RetryStormScenario(target), plan, MaxIterations: 2)])
            .RunAsync(ct: TestContext.Current.CancellationToken);

        var tamper = report.Scenario("tamper");
        Assert.Equal(2, tamper.Iteration.Ok);
        Assert.Equal("422", Assert.Single(tamper.Steps.Single(s => s.Name == "relay-1-forged").StatusCodes).Key);
        Assert.Equal("422", Assert.Single(tamper.Steps.Single(s => s.Name == "relay-2-forged").StatusCodes).Key);
        Assert.Equal(2, tamper.Steps.Single(s => s.Name == "look").Ok);
        var retry = report.Scenario("retry-storm");
        Assert.Equal(2, retry.Iteration.Ok);
        Assert.Equal(2, retry.Steps.Single(s => s.Name == "relay-2-retry").Ok);
        Assert.Equal(0, report.Scenarios.Sum(s => s.Iteration.Fail + s.Dropped));
    }

    [Fact]
    public async Task OpenModel_InFlightBoundReached_StartsCountedAsDroppedNotHidden()
    {
        var slow = new DelayScenario(TimeSpan.FromMilliseconds(400));
        var settings = Settings("smoke-dropped") with { MaxInFlight = 2 };

        var report = await new Campaign(settings, [new ScenarioRun(slow, [LoadSimulation.Inject(20, TimeSpan.FromSeconds(1))])])
            .RunAsync(ct: TestContext.Current.CancellationToken);

        var s = report.Scenario("delay");
        Assert.Equal(20, s.Started);
        Assert.True(s.Dropped > 0);
        Assert.Equal(20, s.Iteration.Ok + s.Iteration.Fail + s.Dropped);
        Assert.True(s.FailRate > 0);
    }

    [Fact]
    public async Task AbortOnBreach_ThresholdBrokenWhileRunning_StopsEarlyAndFails()
    {
        var settings = Settings("smoke-abort", "fail-rate < 0%") with { AbortOnBreach = true, ThresholdWarmUp = TimeSpan.FromSeconds(1) };

        var report = await new Campaign(settings, [new ScenarioRun(new DelayScenario(TimeSpan.FromMilliseconds(1)), [LoadSimulation.Inject(5, TimeSpan.FromSeconds(60))])])
            .RunAsync(ct: TestContext.Current.CancellationToken);

        Assert.Contains("breach", report.Aborted);
        Assert.True(report.Scenario("delay").Started < 300);
        Assert.NotEqual(0, report.ExitCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_reports))
        {
            Directory.Delete(_reports, recursive: true);
        }
    }

    private CampaignSettings Settings(string name, params string[] thresholds) => new()
    {
        RunName = name,
        ReportRoot = _reports,
        Thresholds = [.. thresholds.Select(Threshold.Parse)],
        DrainTimeout = TimeSpan.FromSeconds(60),
    };

    private sealed class DelayScenario(TimeSpan delay) : Scenario
    {
        public override string Name => "delay";

        public override Task RunAsync(IterationContext context) =>
            context.StepAsync("wait", (_, ct) => Task.Delay(delay, ct));
    }
}
