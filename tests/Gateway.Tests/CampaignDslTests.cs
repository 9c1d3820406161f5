using System.Collections.Concurrent;
using WalletGateway.LoadTests.Dsl;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The NBomber-shaped campaign API on our engine, with trivial in-process steps (no server): invocations per load
/// simulation, named steps and failures in the report, thresholds judged into it.
/// </summary>
public sealed class CampaignDslTests : IDisposable
{
    private readonly string _reports = Path.Combine(Path.GetTempPath(), "walletgateway-dsl-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Inject_TenPerSecondForOneSecond_TenInvocationsEachStepInTheReport()
    {
        var invocations = new ConcurrentBag<long>();
        var scenario = Scenario.Create("trivial", async ctx =>
            {
                invocations.Add(ctx.InvocationNumber);
                var first = await Step.Run("first", ctx, () => Task.FromResult(Response.Ok(ctx.InvocationNumber * 2)));
                await Step.Run("second", ctx, () => Task.FromResult(first.Payload == ctx.InvocationNumber * 2 ? Response.Ok("204") : Response.Fail("payload-lost")));
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.Inject(rate: 10, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(1)));

        var report = await CampaignRunner.RegisterScenarios(scenario).WithReportFolder(_reports).WithRunName("inject").RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 10).Select(n => (long)n), invocations.Order());
        var trivial = report.Scenario("trivial");
        Assert.Equal(10, trivial.Started);
        Assert.Equal(10, trivial.Iteration.Ok);
        Assert.Equal(0, trivial.Iteration.Fail + trivial.Dropped);
        Assert.Equal(["first", "second"], trivial.Steps.Select(s => s.Name));
        Assert.All(trivial.Steps, s => Assert.Equal(10, s.Ok));
        Assert.Equal("204", Assert.Single(trivial.Steps[1].StatusCodes).Key);
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("trivial,second,10,0", File.ReadAllText(Path.Combine(_reports, "inject", "steps.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepConstant_ThreeCopies_NeverMoreAtOnceAndEveryInvocationCounted()
    {
        var invocations = 0;
        var running = 0;
        var most = 0;
        var scenario = Scenario.Create("copies", async ctx =>
            {
                Interlocked.Increment(ref invocations);
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await Step.Run("wait", ctx, async () =>
                {
                    await Task.Delay(20, ctx.CancellationToken);
                    return Response.Ok();
                });
                Interlocked.Decrement(ref running);
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.KeepConstant(copies: 3, during: TimeSpan.FromSeconds(1)));

        var report = await CampaignRunner.RegisterScenarios(scenario).RunAsync(TestContext.Current.CancellationToken);

        var copies = report.Scenario("copies");
        Assert.InRange(most, 1, 3);
        Assert.True(invocations > 3, $"{invocations} invocations: the copies did not start again");
        Assert.Equal(invocations, copies.Started);
        Assert.Equal(invocations, copies.Iteration.Ok);
        Assert.Equal(invocations, Assert.Single(copies.Steps).Ok);
        Assert.False(Directory.Exists(_reports));
    }

    [Fact]
    public async Task Failures_ResponseFailAndFailedStepAndException_CountedWithTheirStatusAndLaterStepsSkipped()
    {
        var scenario = Scenario.Create("flaky", async ctx =>
            {
                await Step.Run("check", ctx, () => ctx.InvocationNumber switch
                {
                    3 => Task.FromResult(Response.Fail("teapot", "no coffee")),
                    5 => throw new TimeoutException("slow"),
                    _ => Task.FromResult(Response.Ok()),
                });
                await Step.Run("after", ctx, () => Task.FromResult(Response.Ok()));
                return ctx.InvocationNumber % 4 == 0 ? Response.Fail(503, "refused") : Response.Ok();
            })
            .WithLoadSimulations(Simulation.Inject(rate: 8, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(1)));

        var report = await CampaignRunner.RegisterScenarios(scenario).RunAsync(TestContext.Current.CancellationToken);

        var flaky = report.Scenario("flaky");
        Assert.Equal(8, flaky.Started);
        Assert.Equal(4, flaky.Iteration.Fail);
        Assert.Equal(4, flaky.Iteration.Ok);
        Assert.Equal(2, flaky.Iteration.StatusCodes["response:503"]);
        Assert.Equal(1, flaky.Iteration.StatusCodes["check:teapot"]);
        Assert.Equal(1, flaky.Iteration.StatusCodes["check:TimeoutException"]);
        var check = flaky.Steps.Single(s => s.Name == "check");
        Assert.Equal((6, 2), (check.Ok, check.Fail));
        Assert.Equal(6, flaky.Steps.Single(s => s.Name == "after").Ok);
        Assert.Equal(0.5, flaky.FailRate);
    }

    [Fact]
    public async Task Thresholds_OneBroken_ReportedFailedOthersPassedExitCodeOne()
    {
        var scenario = Scenario.Create("judged", async ctx =>
            {
                await Step.Run("step", ctx, () => Task.FromResult(ctx.InvocationNumber == 1 ? Response.Fail(500) : Response.Ok()));
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.Inject(rate: 5, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(1)));

        var report = await CampaignRunner.RegisterScenarios(scenario)
            .WithThresholds("fail-rate < 1%", "ok >= 4", "step:p99 < 10s", "nosuchstep:p99 < 10s")
            .RunAsync(TestContext.Current.CancellationToken);

        Assert.False(report.Thresholds.Single(t => t.Threshold == "fail-rate < 1%").Passed);
        Assert.Equal(20, report.Thresholds.Single(t => t.Threshold == "fail-rate < 1%").Shown, 6);
        Assert.True(report.Thresholds.Single(t => t.Threshold == "ok >= 4").Passed);
        Assert.True(report.Thresholds.Single(t => t.Threshold == "step:p99 < 10s").Passed);
        Assert.False(report.Thresholds.Single(t => t.Threshold == "nosuchstep:p99 < 10s").Passed);
        Assert.False(report.ThresholdsPassed);
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public void Builders_BadInput_RefusedBeforeAnythingRuns()
    {
        var scenario = Scenario.Create("x", _ => Task.FromResult(Response.Ok()));

        Assert.Throws<FormatException>(() => CampaignRunner.RegisterScenarios(scenario).WithThresholds("p99 < fast"));
        Assert.Throws<ArgumentException>(() => CampaignRunner.RegisterScenarios(scenario, scenario));
        Assert.Throws<ArgumentOutOfRangeException>(() => Simulation.Inject(rate: 5, interval: TimeSpan.Zero, during: TimeSpan.FromSeconds(1)));
        Assert.Equal(2.5, Simulation.Inject(rate: 5, interval: TimeSpan.FromSeconds(2), during: TimeSpan.FromSeconds(1)).Value);
        Assert.Equal("ramping-inject:20/s:10s", Simulation.RampingInject(rate: 2, interval: TimeSpan.FromMilliseconds(100), during: TimeSpan.FromSeconds(10)).ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_reports))
        {
            Directory.Delete(_reports, recursive: true);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
