using System.Net;

namespace WalletGateway.IssuerSimulator.Tests;

public sealed class StatsTests
{
    [Fact]
    public async Task Stats_MixedRequests_AreCountedPerIssuerAndOperation()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.DemoCard, 1))[0];

        (await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode)).Dispose();
        (await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode)).Dispose();
        (await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/complete", new { cardRef = "CR-1", chipId = "00", cardId = "c", messageId = "m1" })).Dispose();
        (await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/abort", new { cardRef = "CR-1", messageId = "m2" })).Dispose();
        (await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/abort", new { }, Simulator.Basic("x", "y"))).Dispose();

        var stats = await simulator.StatsAsync(Simulator.DemoCard);
        Assert.Equal(5, stats.Requests);
        Assert.Equal(2, stats.AuthenticateRequests);
        Assert.Equal(1, stats.CompleteRequests);
        Assert.Equal(2, stats.AbortRequests);
        Assert.Equal(1, stats.BadCredentials);
        Assert.Equal(1, stats.FailedAuthentications);
        Assert.InRange(stats.PeakConcurrentRequests, 1, 5);
        Assert.InRange(stats.PeakRequestsPerSecond, 1, 5);
        Assert.Equal(new IssuerStatsSnapshot(0, 0, 0, 0, 0, 0, 0, 0), await simulator.StatsAsync(Simulator.SampleBank));
    }

    [Fact]
    public async Task Stats_ConcurrentBurst_RecordsPeakConcurrencyAndRate()
    {
        const int Burst = 20;
        await using var simulator = await Simulator.StartAsync();
        // Each request is held for two seconds, so the whole burst is in flight together.
        await simulator.SetFaultAsync(new FaultSettings(Simulator.DemoCard, LatencyMs: 2_000));

        var responses = await Task.WhenAll(Enumerable.Range(0, Burst).Select(i =>
            simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/complete", new { cardRef = "CR-1", chipId = "00", cardId = "c", messageId = $"m{i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stats = await simulator.StatsAsync(Simulator.DemoCard);
        Assert.Equal(Burst, stats.Requests);
        Assert.InRange(stats.PeakConcurrentRequests, 10, Burst);
        // 20 arrivals within under two seconds fall into at most three one-second windows.
        Assert.InRange(stats.PeakRequestsPerSecond, 7, Burst);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Stats_Reset_ZeroesEveryCounter()
    {
        await using var simulator = await Simulator.StartAsync();
        (await simulator.AuthenticateAsync(Simulator.DemoCard, "M0000000000", "12345678")).Dispose();
        (await simulator.PostIssuerAsync(Simulator.SampleBank, "provisioning/abort", new { }, null)).Dispose();

        using var reset = await simulator.Client.PostAsync("/admin/stats/reset", null, Simulator.Ct);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(new IssuerStatsSnapshot(0, 0, 0, 0, 0, 0, 0, 0), await simulator.StatsAsync(Simulator.DemoCard));
        Assert.Equal(new IssuerStatsSnapshot(0, 0, 0, 0, 0, 0, 0, 0), await simulator.StatsAsync(Simulator.SampleBank));
    }
}
