using System.Diagnostics;

namespace WalletGateway.LoadTests;

/// <summary>
/// Runs scenarios side by side, each on its own load plan, against one clock: set-up (not measured),
/// load, drain, clean-up; a ticker drains the histograms once per interval, feeds the observer and
/// checks the thresholds while running. The result carries every number the reports show.
/// </summary>
public sealed class Campaign(CampaignSettings settings, IReadOnlyList<ScenarioRun> runs)
{
    public CampaignSettings Settings { get; } = settings;

    public async Task<CampaignReport> RunAsync(ICampaignObserver? observer = null, CancellationToken ct = default)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var runners = runs.Select(r => new ScenarioRunner(r, Settings)).ToArray();
        var notes = new List<string>();
        string? abortReason = null;
        var breaches = new List<ThresholdResult>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var iterations = CancellationTokenSource.CreateLinkedTokenSource(ct);
        double elapsed = 0;
        try
        {
            foreach (var runner in runners)
            {
                observer?.OnPhase($"Setting up {runner.Scenario.Name}");
                await runner.Scenario.InitAsync(runner.Run.Plan, runner.Run.MaxIterations, ct);
            }

            var planned = runs.Max(r => LoadSimulation.TotalDuration(r.Plan)).TotalSeconds;
            observer?.OnPhase($"Running {string.Join(", ", runners.Select(r => r.Scenario.Name))} for up to {planned:0.#} s");
            observer?.OnWindow(0, 0);
            var t0 = Stopwatch.GetTimestamp();
            var windows = 0;
            var schedules = runners.Select(r => Task.Run(() => r.ScheduleAsync(t0, stop.Token, iterations.Token))).ToArray();
            var lastTick = t0;
            var all = Task.WhenAll(schedules);
            var draining = false;
            long drainDeadline = 0;
            while (true)
            {
                var tickDue = lastTick + (long)(Settings.TickInterval.TotalSeconds * Stopwatch.Frequency);
                var wait = TimeSpan.FromSeconds(Math.Max(0, (tickDue - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));
                var work = draining ? Task.WhenAll(runners.SelectMany(r => r.RunningWork())) : all;
                await Task.WhenAny(work, Task.Delay(wait, CancellationToken.None));
                var now = Stopwatch.GetTimestamp();
                if (now >= tickDue)
                {
                    var interval = (now - lastTick) / (double)Stopwatch.Frequency;
                    lastTick = now;
                    elapsed = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                    foreach (var runner in runners)
                    {
                        runner.Drain(elapsed, Math.Max(interval, 1e-3));
                    }

                    if (windows < Settings.WindowEnds.Count && elapsed >= Settings.WindowEnds[windows].TotalSeconds)
                    {
                        CloseWindows(runners, elapsed, ++windows, observer);
                    }

                    var live = runners.Select(Live).ToArray();
                    if (elapsed >= Settings.ThresholdWarmUp.TotalSeconds && !draining)
                    {
                        foreach (var breach in Check(runners, elapsed).Where(b => !b.Passed))
                        {
                            if (breaches.All(b => b.Threshold != breach.Threshold || b.Scenario != breach.Scenario))
                            {
                                breaches.Add(breach);
                                notes.Add($"Threshold '{breach.Threshold}' breached on {breach.Scenario}/{breach.Target} at {elapsed:0.0} s (was {breach.Shown:0.###}).");
                                if (Settings.AbortOnBreach && abortReason is null)
                                {
                                    abortReason = $"aborted on breach of '{breach.Threshold}' at {elapsed:0.0} s";
                                    stop.Cancel();
                                }
                            }
                        }
                    }

                    observer?.OnTick(new CampaignSnapshot(elapsed, planned, live, [.. breaches]));
                }

                if (!draining && all.IsCompleted)
                {
                    draining = true;
                    drainDeadline = Stopwatch.GetTimestamp() + (long)(Settings.DrainTimeout.TotalSeconds * Stopwatch.Frequency);
                    observer?.OnPhase("Draining iterations still running");
                }

                if (draining)
                {
                    if (runners.All(r => r.RunningWork().Length == 0))
                    {
                        break;
                    }

                    if (Stopwatch.GetTimestamp() > drainDeadline && !iterations.IsCancellationRequested)
                    {
                        notes.Add($"Iterations still running {Settings.DrainTimeout.TotalSeconds:0} s after the plan ended were cancelled (counted as failed: cancelled).");
                        iterations.Cancel();
                    }
                }
            }

            // The last partial interval, so totals hold every answer.
            var tail = (Stopwatch.GetTimestamp() - lastTick) / (double)Stopwatch.Frequency;
            elapsed = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            foreach (var runner in runners)
            {
                // A short last interval would show as a spike of rate: spread it over at least half a tick.
                runner.Drain(elapsed, Math.Max(tail, Settings.TickInterval.TotalSeconds / 2));
            }

            if (Settings.WindowEnds.Count > 0)
            {
                CloseWindows(runners, elapsed, windows + 1, observer);
            }

            observer?.OnTick(new CampaignSnapshot(elapsed, planned, [.. runners.Select(Live)], [.. breaches]));
            if (ct.IsCancellationRequested && abortReason is null)
            {
                abortReason = "cancelled by the user";
            }
        }
        finally
        {
            foreach (var runner in runners)
            {
                using var cleanTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await runner.Scenario.CleanAsync(cleanTimeout.Token);
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                {
                    notes.Add($"Clean-up of {runner.Scenario.Name} failed: {ex.Message}");
                }
            }
        }

        var summaries = runners.Select(r => r.Summarize(elapsed)).ToArray();
        var results = Settings.Thresholds.SelectMany(t => summaries.Select(t.Evaluate).OfType<ThresholdResult>()).ToArray();
        foreach (var threshold in Settings.Thresholds.Where(t => results.All(r => r.Threshold != t.Text)))
        {
            // A rule that matched nothing (a misspelt step) must not pass silently.
            results = [.. results, new ThresholdResult(threshold.Text, threshold.Scenario ?? "*", threshold.Step ?? "*", false, double.NaN, double.NaN)];
            notes.Add($"Threshold '{threshold.Text}' matched no scenario or step: counted as failed.");
        }

        return new CampaignReport(
            Settings.RunName,
            startedAt,
            Math.Round(elapsed, 3),
            abortReason,
            Environment.ProcessorCount,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            Settings.MaxInFlight,
            Settings.LateAfter.TotalMilliseconds,
            summaries,
            results,
            notes);
    }

    private static void CloseWindows(ScenarioRunner[] runners, double elapsed, int index, ICampaignObserver? observer)
    {
        foreach (var runner in runners)
        {
            runner.CloseWindow(elapsed);
        }

        observer?.OnWindow(index, elapsed);
    }

    private IEnumerable<ThresholdResult> Check(ScenarioRunner[] runners, double elapsed)
    {
        var summaries = runners.Select(r => r.Summarize(elapsed)).ToArray();
        return Settings.Thresholds.SelectMany(t => summaries.Select(t.Evaluate).OfType<ThresholdResult>());
    }

    private static LiveScenario Live(ScenarioRunner runner)
    {
        var summary = runner.Iterations.Summarize(1);
        var last = summary.Series.Count > 0 ? summary.Series[^1] : null;
        return new LiveScenario(
            runner.Scenario.Name,
            runner.Started,
            summary.Ok,
            summary.Fail,
            runner.Dropped,
            runner.Late,
            runner.InFlight,
            last?.OkPerSecond ?? 0,
            last?.P99Ms,
            summary.Latency.P99Ms,
            summary.StatusCodes);
    }
}
