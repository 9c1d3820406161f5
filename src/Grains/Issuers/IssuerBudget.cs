using System.Threading.RateLimiting;

namespace WalletGateway.Grains.Issuers;

/// <summary>
/// This silo's share of one issuer's cluster-wide budget: calls in flight and calls per second, each
/// the configured ceiling divided by the number of active silos, so the sum over the cluster never
/// exceeds it and no call funnels through a single activation. The concurrency share adapts (AIMD):
/// a slow or failed call cuts it by 30% (at most once per target latency), a fast one raises it by
/// 1/limit (about +1 per round of calls), never above the share nor below one.
/// </summary>
/// <remarks>
/// System.Threading.RateLimiting has no adaptive limiter and no cluster share; the per-second part
/// is its token bucket (a bucket of about 10 ms of calls; the refill rate is the share minus two
/// buckets, so any one-second window sees at most the share: see below for the second bucket).
/// The bucket is refilled on demand, not by the limiter's own timer: auto-replenishment fires every
/// bucket's worth of time (10–15 ms: 65–100 timer wake-ups a second per issuer on every silo, forever,
/// idle or not), which was a measurable share of an idle silo's CPU. Refilled by hand, the limiter adds
/// the tokens the elapsed time is worth (the same rate) before each call takes one, and a timer runs
/// only while a call waits in its queue. Refilled by hand, a bucket that sat full is credited, at its next
/// refill, with the time it sat full (the limiter keeps the last refill's time while full), so a window can
/// see one bucket more than with the timer: hence the second bucket off the rate (~1% of the share).
/// </remarks>
public sealed class IssuerBudget : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TokenBucketRateLimiter _rate;
    private readonly TimeSpan _targetLatency;
    private readonly int _maxConcurrent;
    private double _limit;
    private int _inFlight;
    private long _lastDecrease;
    private int _refilling;

    public IssuerBudget(IssuerOptions options, int activeSilos, TimeProvider time)
    {
        _time = time;
        var silos = Math.Max(1, activeSilos);
        _maxConcurrent = Math.Max(1, options.MaxConcurrentCalls / silos);
        _limit = _maxConcurrent;
        _targetLatency = options.TargetLatency;
        // Any one-second window sees at most rate + 2 buckets calls (one full bucket, one credited for the time it sat
        // full): the rate is the share minus two buckets. The bucket is about 10 ms worth of calls (at least one), so the
        // refills of a waiting call stay coarse enough for timers.
        var share = Math.Max(1, options.MaxCallsPerSecond / silos);
        var bucket = Math.Max(1, share / 100);
        var perSecond = Math.Max(1, share - 2 * bucket);
        _rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = bucket,
            TokensPerPeriod = bucket,
            ReplenishmentPeriod = TimeSpan.FromSeconds((double)bucket / perSecond),
            QueueLimit = Math.Max(1, perSecond * 2),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = false,
        });
        ActiveSilos = silos;
        CallsPerSecondShare = perSecond;
    }

    public int ActiveSilos { get; }

    public int CallsPerSecondShare { get; }

    /// <summary>The concurrency share's ceiling (before adaptation).</summary>
    public int MaxConcurrentShare => _maxConcurrent;

    /// <summary>The adapted concurrency limit now.</summary>
    public int CurrentLimit
    {
        get
        {
            lock (_lock)
            {
                return (int)_limit;
            }
        }
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Takes a slot, waiting at most <paramref name="maxWait"/> for the per-second budget; null when over budget.</summary>
    public async Task<Slot?> TryEnterAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_inFlight >= (int)_limit)
            {
                return null;
            }

            _inFlight++;
        }

        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(maxWait);
            _rate.TryReplenish();
            var acquire = _rate.AcquireAsync(1, wait.Token);
            if (!acquire.IsCompleted)
            {
                RefillWhileQueued();
            }

            using var lease = await acquire;
            if (lease.IsAcquired)
            {
                return new Slot(this, _time.GetTimestamp());
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Waited as long as allowed for the per-second budget.
        }

        Leave();
        return null;
    }

    /// <summary>
    /// Refills the bucket every replenishment period while calls wait in its queue (one loop at a time); it ends when
    /// the queue is empty, so an idle budget keeps no timer.
    /// </summary>
    private void RefillWhileQueued()
    {
        if (Interlocked.Exchange(ref _refilling, 1) == 1)
        {
            return;
        }

        _ = RefillAsync();

        async Task RefillAsync()
        {
            try
            {
                await RefillLoopAsync();
            }
            catch (ObjectDisposedException)
            {
                // Replaced by a budget with other options or another silo count (IssuerBudgets): its waiters were failed.
            }
        }

        async Task RefillLoopAsync()
        {
            while (true)
            {
                do
                {
                    await Task.Delay(_rate.ReplenishmentPeriod, _time).ConfigureAwait(false);
                    _rate.TryReplenish();
                }
                while (Queued > 0);

                Volatile.Write(ref _refilling, 0);
                // A call queued between the last look and the flag's release would wait for nobody: look once more.
                if (Queued == 0 || Interlocked.Exchange(ref _refilling, 1) == 1)
                {
                    return;
                }
            }
        }
    }

    private long Queued => _rate.GetStatistics()?.CurrentQueuedCount ?? 0;

    private void Complete(long started, bool ok)
    {
        var latency = _time.GetElapsedTime(started);
        lock (_lock)
        {
            _inFlight--;
            if (!ok || latency > _targetLatency)
            {
                var now = _time.GetTimestamp();
                if (_time.GetElapsedTime(_lastDecrease, now) >= _targetLatency)
                {
                    _limit = Math.Max(1, _limit * 0.7);
                    _lastDecrease = now;
                }
            }
            else
            {
                _limit = Math.Min(_maxConcurrent, _limit + 1 / _limit);
            }
        }
    }

    private void Leave()
    {
        lock (_lock)
        {
            _inFlight--;
        }
    }

    public void Dispose() => _rate.Dispose();

    /// <summary>One call in flight; report how it went.</summary>
    public sealed class Slot(IssuerBudget budget, long started)
    {
        public void Succeeded() => budget.Complete(started, ok: true);

        public void Failed() => budget.Complete(started, ok: false);
    }
}
