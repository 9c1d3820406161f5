using WalletGateway.Grains.Issuers;

namespace WalletGateway.Gateway.Tests;

public sealed class IssuerBudgetTests
{
    [Fact]
    public async Task PerSecondBudget_CallsQueuedBehindAnEmptyBucket_AreLetThroughByTheRefillsTheyStart()
    {
        var ct = TestContext.Current.CancellationToken;
        // 10 calls/s on one silo: a bucket of one call; the rate is the share minus two buckets.
        using var budget = new IssuerBudget(new IssuerOptions { MaxCallsPerSecond = 10, MaxConcurrentCalls = 10 }, activeSilos: 1, TimeProvider.System);
        Assert.Equal(8, budget.CallsPerSecondShare);

        var first = await budget.TryEnterAsync(TimeSpan.FromMinutes(1), ct);
        Assert.NotNull(first);
        first.Succeeded();

        // The bucket is empty: these wait in the limiter's queue, and no timer refills it unless a call waits.
        var slots = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => budget.TryEnterAsync(TimeSpan.FromMinutes(1), ct)));
        Assert.All(slots, Assert.NotNull);
        Assert.Equal(3, budget.InFlight);
    }
}
