using System.Diagnostics;

namespace WalletGateway.LoadTests;

/// <summary>
/// Drives one scenario through its load plan. Open stages start iterations at intended times computed
/// from a monotonic clock and never wait for earlier ones; a start that finds <see cref="CampaignSettings.MaxInFlight"/>
/// iterations still running is counted as dropped, one that begins more than <see cref="CampaignSettings.LateAfter"/>
/// after its intended time as late (and its latency still counts from the intended time).
/// Closed stages keep N copies looping.
/// </summary>
public sealed partial class ScenarioRunner
{
    private readonly ScenarioRun _run;
    private readonly CampaignSettings _settings;
    private readonly List<StepStats> _steps = [];
    private readonly Lock _stepsLock = new();
    private readonly StepStats _iterations;
    private readonly StepStats _startLag;
    private readonly List<Task> _workers = [];
    private readonly Lock _workersLock = new();
    private long _started;
    private long _dropped;
    private long _late;
    private int _inFlight;
    private int _targetCopies;
    private int _runningCopies;
    private bool _stopStarting;
    private CancellationToken _iterationToken;

    public ScenarioRunner(ScenarioRun run, CampaignSettings settings)
    {
        _run = run;
        _settings = settings;
        _iterations = new StepStats(run.Scenario.Name);
        _startLag = new StepStats("start lag");
    }

    public Scenario Scenario => _run.Scenario;

    public ScenarioRun Run => _run;

    public bool IsCancelled => _iterationToken.IsCancellationRequested;

    public long Started => Interlocked.Read(ref _started);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Late => Interlocked.Read(ref _late);

    public int InFlight => Volatile.Read(ref _inFlight);

    public StepStats Iterations => _iterations;

    internal StepStats Step(string name)
    {
        lock (_stepsLock)
        {
            foreach (var step in _steps)
            {
                if (step.Name == name)
                {
                    return step;
                }
            }

            var created = new StepStats(name);
            _steps.Add(created);
            return created;
        }
    }

    internal IReadOnlyList<StepStats> Steps
    {
        get
        {
            lock (_stepsLock)
            {
                return [.. _steps];
            }
        }
    }

    /// <summary>Runs the plan from <paramref name="t0"/> (a <see cref="Stopwatch"/> timestamp) until it ends or <paramref name="stop"/> fires.</summary>
    internal async Task ScheduleAsync(long t0, CancellationToken stop, CancellationToken iterationToken)
    {
        _iterationToken = iterationToken;
        var stageStart = TimeSpan.Zero;
        double previousRate = 0;
        var previousCopies = 0;
        try
        {
            foreach (var stage in _run.Plan)
            {
                if (stop.IsCancellationRequested || _stopStarting)
                {
                    break;
                }

                switch (stage.Kind)
                {
                    case LoadKind.Inject:
                    case LoadKind.RampingInject:
                        Volatile.Write(ref _targetCopies, 0);
                        await InjectAsync(t0, stageStart, stage, stage.Kind == LoadKind.Inject ? stage.Value : previousRate, stop);
                        break;
                    case LoadKind.KeepConstant:
                    case LoadKind.RampingConstant:
                        await KeepAsync(t0, stageStart, stage, stage.Kind == LoadKind.KeepConstant ? (int)stage.Value : previousCopies, stop);
                        break;
                    default:
                        Volatile.Write(ref _targetCopies, 0);
                        await WaitUntilAsync(t0 + ToTicks(stageStart + stage.During), stop);
                        break;
                }

                previousRate = stage.IsOpen ? stage.Value : 0;
                previousCopies = stage.IsClosed ? (int)stage.Value : 0;
                stageStart += stage.During;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Aborted (threshold breach or Ctrl+C): stop starting; what runs is drained by the campaign.
        }
        finally
        {
            Volatile.Write(ref _targetCopies, 0);
        }
    }

    /// <summary>Iterations still running (open starts and closed copies), to drain at the end.</summary>
    internal Task[] RunningWork()
    {
        lock (_workersLock)
        {
            _workers.RemoveAll(t => t.IsCompleted);
            return [.. _workers];
        }
    }

    private bool TryCountStart(out long index)
    {
        var n = Interlocked.Increment(ref _started);
        index = n - 1;
        if (_run.MaxIterations is { } max && n > max)
        {
            Interlocked.Decrement(ref _started);
            _stopStarting = true;
            return false;
        }

        return true;
    }

    private void Track(Task task)
    {
        lock (_workersLock)
        {
            if (_workers.Count > 4096)
            {
                _workers.RemoveAll(t => t.IsCompleted);
            }

            _workers.Add(task);
        }
    }

    private async Task IterateAsync(long intended, long index)
    {
        var lagMicros = IterationContext.Micros(intended);
        _startLag.Record(true, "lag", lagMicros);
        if (lagMicros > _settings.LateAfter.TotalMicroseconds)
        {
            Interlocked.Increment(ref _late);
        }

        var context = new IterationContext(this, index, intended, _iterationToken);
        try
        {
            await _run.Scenario.RunAsync(context);
            _iterations.Record(true, "ok", IterationContext.Micros(intended));
            _requestsOfOk.Add(context.Requests);
        }
        catch (IterationFailedException failed)
        {
            _iterations.Record(false, failed.Step + ":" + failed.Status, IterationContext.Micros(intended));
        }
        catch (Exception ex)
        {
            // A scenario bug or an unexpected exception outside a step: still a failed iteration, with its type.
            _iterations.Record(false, "scenario:" + Outcomes.StatusOf(ex, IsCancelled), IterationContext.Micros(intended));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static async Task WaitUntilAsync(long timestamp, CancellationToken stop)
    {
        while (true)
        {
            stop.ThrowIfCancellationRequested();
            var remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            // Timer resolution is about a millisecond; starts due meanwhile go out together on wake-up,
            // each timed from its own intended start.
            var ms = remaining * 1000.0 / Stopwatch.Frequency;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Min(ms, 200))), stop);
        }
    }
}
