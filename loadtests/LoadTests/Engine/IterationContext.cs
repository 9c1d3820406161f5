using System.Diagnostics;

namespace WalletGateway.LoadTests;

/// <summary>
/// One running iteration. The first step is timed from the iteration's intended start (open model),
/// so time spent waiting to start counts against the system under test instead of vanishing
/// (no coordinated omission); later steps from when they are sent.
/// </summary>
public sealed class IterationContext
{
    private readonly ScenarioRunner _runner;
    private long _nextStepStart;

    internal IterationContext(ScenarioRunner runner, long index, long intendedStart, CancellationToken ct)
    {
        _runner = runner;
        Index = index;
        IntendedStart = intendedStart;
        _nextStepStart = intendedStart;
        CancellationToken = ct;
    }

    /// <summary>0-based number of this iteration within its scenario.</summary>
    public long Index { get; }

    /// <summary><see cref="Stopwatch"/> timestamp at which the iteration should have started.</summary>
    public long IntendedStart { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Steps (requests) this iteration made so far.</summary>
    public int Requests { get; private set; }

    /// <summary>Runs and records one named step. Throws <see cref="IterationFailedException"/> when it failed.</summary>
    /// <param name="name">The step name in the report.</param>
    /// <param name="action">The request; returns normally for success, with <see cref="StepScope.Status"/> set if not <paramref name="okStatus"/>.</param>
    /// <param name="okStatus">The status recorded for a normal return, e.g. <c>200</c>.</param>
    public async Task<T> StepAsync<T>(string name, Func<StepScope, CancellationToken, Task<T>> action, string okStatus = "200")
    {
        var stats = _runner.Step(name);
        var start = Math.Min(_nextStepStart, Stopwatch.GetTimestamp());
        var scope = new StepScope(okStatus);
        Requests++;
        try
        {
            var result = await action(scope, CancellationToken);
            stats.Record(true, scope.Status, Micros(start));
            return result;
        }
        catch (Exception ex)
        {
            var status = Outcomes.StatusOf(ex, _runner.IsCancelled);
            stats.Record(false, status, Micros(start));
            throw new IterationFailedException(name, status, ex);
        }
        finally
        {
            _nextStepStart = long.MaxValue;
        }
    }

    /// <summary>A step without a result.</summary>
    public Task StepAsync(string name, Func<StepScope, CancellationToken, Task> action, string okStatus = "200") =>
        StepAsync(name, async (scope, ct) =>
        {
            await action(scope, ct);
            return true;
        }, okStatus);

    internal static long Micros(long fromTimestamp) =>
        (long)(Stopwatch.GetElapsedTime(fromTimestamp).Ticks / (double)TimeSpan.TicksPerMicrosecond);
}
