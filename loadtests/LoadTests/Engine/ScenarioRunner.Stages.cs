using System.Diagnostics;

namespace WalletGateway.LoadTests;

// The two load models: open stages (inject, ramping-inject) start iterations at intended times;
// closed stages (keep-constant, ramping-constant) keep N copies looping.
public sealed partial class ScenarioRunner
{
    private async Task InjectAsync(long t0, TimeSpan stageStart, LoadSimulation stage, double fromRate, CancellationToken stop)
    {
        var toRate = stage.Value;
        var seconds = stage.During.TotalSeconds;
        var stageT0 = t0 + ToTicks(stageStart);
        for (long k = 0; ; k++)
        {
            var offset = OffsetOfStart(k, fromRate, toRate, seconds);
            if (offset is null || offset >= seconds)
            {
                break;
            }

            var intended = stageT0 + (long)(offset.Value * Stopwatch.Frequency);
            await WaitUntilAsync(intended, stop);
            if (!TryCountStart(out var index))
            {
                return;
            }

            if (Interlocked.Increment(ref _inFlight) > _settings.MaxInFlight)
            {
                // The client's own bound is reached: this start cannot happen on time. Counted, never hidden.
                Interlocked.Decrement(ref _inFlight);
                Interlocked.Increment(ref _dropped);
                continue;
            }

            Track(Task.Run(() => IterateAsync(intended, index)));
        }

        await WaitUntilAsync(stageT0 + ToTicks(stage.During), stop);
    }

    /// <summary>Seconds into the stage at which start number <paramref name="k"/> is due, for a rate moving linearly.</summary>
    internal static double? OffsetOfStart(long k, double fromRate, double toRate, double seconds)
    {
        if (Math.Abs(toRate - fromRate) < 1e-9)
        {
            return toRate <= 0 ? null : k / toRate;
        }

        // Starts due by time t: fromRate*t + (toRate-fromRate)*t²/(2*seconds); solve for the k-th.
        var a = (toRate - fromRate) / (2 * seconds);
        var discriminant = (fromRate * fromRate) + (4 * a * k);
        return discriminant < 0 ? null : (-fromRate + Math.Sqrt(discriminant)) / (2 * a);
    }

    private async Task KeepAsync(long t0, TimeSpan stageStart, LoadSimulation stage, int fromCopies, CancellationToken stop)
    {
        var stageT0 = t0 + ToTicks(stageStart);
        var stageEnd = stageT0 + ToTicks(stage.During);
        while (!stop.IsCancellationRequested && !_stopStarting && Stopwatch.GetTimestamp() < stageEnd)
        {
            var progress = (Stopwatch.GetTimestamp() - stageT0) / (double)(stageEnd - stageT0);
            var target = (int)Math.Round(fromCopies + ((stage.Value - fromCopies) * Math.Clamp(progress, 0, 1)));
            Volatile.Write(ref _targetCopies, target);
            lock (_workersLock)
            {
                while (_runningCopies < target)
                {
                    var copy = _runningCopies++;
                    _workers.Add(Task.Run(() => CopyAsync(copy)));
                }
            }

            await WaitUntilAsync(Math.Min(stageEnd, Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 10)), stop);
        }
    }

    private async Task CopyAsync(int copy)
    {
        try
        {
            // Closed model: a copy starts its next iteration when the previous one ends, so there is no
            // intended start to miss; its latency is service time. Use an open stage to see queueing.
            while (copy < Volatile.Read(ref _targetCopies) && !_stopStarting && TryCountStart(out var index))
            {
                Interlocked.Increment(ref _inFlight);
                await IterateAsync(Stopwatch.GetTimestamp(), index);
            }
        }
        finally
        {
            lock (_workersLock)
            {
                _runningCopies--;
            }
        }
    }
}
