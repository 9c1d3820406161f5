using System.Collections.Concurrent;

namespace WalletGateway.LoadTests;

public sealed partial class ScenarioRunner
{
    private readonly ConcurrentBag<int> _requestsOfOk = [];
    private readonly List<ScenarioWindow> _windows = [];
    private double _windowStart;

    /// <summary>The windows closed so far (<see cref="CampaignSettings.WindowEnds"/>).</summary>
    public IReadOnlyList<ScenarioWindow> Windows => _windows;

    internal void Drain(double atSeconds, double intervalSeconds)
    {
        _iterations.Drain(atSeconds, intervalSeconds);
        _startLag.Drain(atSeconds, intervalSeconds);
        foreach (var step in Steps)
        {
            step.Drain(atSeconds, intervalSeconds);
        }
    }

    /// <summary>Closes the current window at <paramref name="atSeconds"/>: the whole iteration and every step.</summary>
    internal ScenarioWindow CloseWindow(double atSeconds)
    {
        var window = new ScenarioWindow(_windowStart, atSeconds, _iterations.TakeWindow(), [.. Steps.Select(s => s.TakeWindow())]);
        _windowStart = atSeconds;
        _windows.Add(window);
        return window;
    }

    internal ScenarioSummary Summarize(double elapsedSeconds)
    {
        var iteration = _iterations.Summarize(elapsedSeconds);
        var dropped = Dropped;
        var attempted = iteration.Ok + iteration.Fail + dropped;
        var requests = _requestsOfOk.ToArray();
        var summary = new ScenarioSummary(
            _run.Scenario.Name,
            string.Join(",", _run.Plan),
            _run.MaxIterations,
            Started,
            dropped,
            Late,
            attempted == 0 ? 0 : (double)(iteration.Fail + dropped) / attempted,
            LoadSimulation.PlannedOpenStarts(_run.Plan) is var planned && planned > 0 && elapsedSeconds > 0 ? planned / elapsedSeconds : null,
            requests.Length == 0 ? 0 : requests.Average(),
            iteration,
            _startLag.Summarize(elapsedSeconds).Latency,
            [.. Steps.Select(s => s.Summarize(elapsedSeconds))],
            new Dictionary<string, double>());
        return summary with { Extra = _run.Scenario.ExtraMetrics(summary), Windows = [.. _windows] };
    }
}

/// <summary>A scenario's numbers.</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="Plan">The load plan as text.</param>
/// <param name="MaxIterations">The iteration bound, if any.</param>
/// <param name="Started">Iterations the scheduler started or tried to start on time (including dropped ones).</param>
/// <param name="Dropped">Open-model starts that could not begin because the in-flight bound was reached.</param>
/// <param name="Late">Iterations that began later than the late threshold after their intended start.</param>
/// <param name="FailRate">(failed + dropped) / (ok + failed + dropped).</param>
/// <param name="IntendedRatePerSecond">The open-model rate the plan asked for, averaged over the run.</param>
/// <param name="RequestsPerOkIteration">Mean steps (HTTP round trips) of a successful iteration.</param>
/// <param name="Iteration">Whole iterations, timed from the intended start.</param>
/// <param name="StartLag">How late iterations began after their intended start.</param>
/// <param name="Steps">Per step.</param>
/// <param name="Extra">Scenario-specific numbers.</param>
public sealed record ScenarioSummary(
    string Name,
    string Plan,
    long? MaxIterations,
    long Started,
    long Dropped,
    long Late,
    double FailRate,
    double? IntendedRatePerSecond,
    double RequestsPerOkIteration,
    StepSummary Iteration,
    Latency StartLag,
    IReadOnlyList<StepSummary> Steps,
    IReadOnlyDictionary<string, double> Extra)
{
    /// <summary>The reporting windows, when the campaign had any (<see cref="CampaignSettings.WindowEnds"/>).</summary>
    public IReadOnlyList<ScenarioWindow> Windows { get; init; } = [];
}

/// <summary>A scenario's numbers between two seconds of its campaign: whole iterations (from their intended start) and steps.</summary>
public sealed record ScenarioWindow(double FromSeconds, double ToSeconds, WindowStats Iteration, IReadOnlyList<WindowStats> Steps);
