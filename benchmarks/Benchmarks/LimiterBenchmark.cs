using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using WalletGateway.Grains;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Benchmarks;

/// <summary>
/// What each limiter layer costs a request, uncontended, in one process: the edge's per-address
/// partitioned token bucket, the device's token bucket, the issuer budget (concurrency + per-second
/// token bucket + AIMD bookkeeping) and the shedding counter.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LimiterBenchmark
{
    private PartitionedRateLimiter<string> _edge = null!;
    private TokenBucketRateLimiter _device = null!;
    private IssuerBudget _issuer = null!;
    private int _inFlight;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        // Limits far above what the benchmark can reach, so every call measures the grant path.
        _edge = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = int.MaxValue,
            TokensPerPeriod = int.MaxValue,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = 0,
        }));
        _device = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = int.MaxValue,
            TokensPerPeriod = int.MaxValue,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = 0,
        });
        _issuer = new IssuerBudget(
            new IssuerOptions { MaxConcurrentCalls = 1000, MaxCallsPerSecond = 100_000_000, TargetLatency = TimeSpan.FromSeconds(10) },
            activeSilos: 1,
            TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _edge.Dispose();
        _device.Dispose();
        _issuer.Dispose();
    }

    [Benchmark(Description = "edge: per-address token bucket")]
    public bool EdgePerAddress()
    {
        using var lease = _edge.AttemptAcquire("10.0.0." + (_next++ & 255));
        return lease.IsAcquired;
    }

    [Benchmark(Description = "device: token bucket")]
    public bool DeviceOpens()
    {
        using var lease = _device.AttemptAcquire();
        return lease.IsAcquired;
    }

    [Benchmark(Description = "issuer: budget enter + complete")]
    public async Task<bool> IssuerBudget()
    {
        var slot = await _issuer.TryEnterAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        slot!.Succeeded();
        return true;
    }

    [Benchmark(Description = "shedding: in-flight counter")]
    public bool Shedding()
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        Interlocked.Decrement(ref _inFlight);
        return inFlight > 512;
    }
}
