using WalletGateway.LoadTests.Scenarios;

namespace WalletGateway.LoadTests.Runner;

/// <summary>The <c>run</c> command and what every command shares: running a campaign with live progress and writing its reports.</summary>
internal static partial class Commands
{
    public static async Task<int> RunAsync(CampaignConfig config, CancellationToken ct)
    {
        var settings = config.ToSettings();
        var folder = Path.Combine(settings.ReportRoot, settings.RunName);
        Directory.CreateDirectory(folder);
        var timeout = Durations.Parse(config.Timeout);
        using var gateways = new Gateways(config.Gateway, timeout);
        await using var stack = config.Stack
            ? await LocalStack.StartAsync(config.Root, Path.Combine(folder, "stack.log"), gateways.First, TimeSpan.FromMinutes(5), Say, ct)
            : null;
        using var simulator = CampaignFactory.Http(new Uri(config.Simulator), timeout);
        var target = CampaignFactory.Target(config, gateways.Clients, simulator);
        var runs = CampaignFactory.Runs(config, target);
        var report = await ExecuteAsync(settings, runs, config.NoLive, ct);
        return Math.Max(report.ExitCode, InvariantsHeld(runs) ? 0 : 1);
    }

    /// <summary>Prints what a scenario's own invariant check found (phone-change); false when it found a violation.</summary>
    private static bool InvariantsHeld(IReadOnlyList<ScenarioRun> runs)
    {
        var held = true;
        foreach (var run in runs)
        {
            if (run.Scenario is PhoneChangeScenario { Invariants: { } invariants })
            {
                Say($"invariants ({run.Scenario.Name}): {invariants}");
                foreach (var violation in invariants.Violations.Take(50))
                {
                    Say("  VIOLATION " + violation);
                }

                held &= invariants.Violations.Count == 0;
            }
        }

        return held;
    }

    /// <summary>Runs, writes the reports into ReportRoot/RunName, prints the summary.</summary>
    /// <param name="around">Wraps the live view in an observer of its own (e.g. a <see cref="CostSampler"/>).</param>
    public static async Task<CampaignReport> ExecuteAsync(CampaignSettings settings, IReadOnlyList<ScenarioRun> runs, bool noLive, CancellationToken ct,
        Func<ICampaignObserver, ICampaignObserver>? around = null)
    {
        var observer = new ConsoleObserver(forcePlain: noLive);
        var outer = around?.Invoke(observer) ?? observer;
        var report = await observer.RunAsync(() => new Campaign(settings, runs).RunAsync(outer, ct));
        var folder = Path.Combine(settings.ReportRoot, settings.RunName);
        ReportWriter.WriteAll(report, folder);
        foreach (var s in report.Scenarios)
        {
            var i = s.Iteration;
            Say($"{s.Name}: started {s.Started}, ok {i.Ok}, failed {i.Fail}, dropped {s.Dropped}, late {s.Late}; ok {i.OkPerSecond:0.##}/s; " +
                $"p50 {i.Latency.P50Ms:0.#} ms p99 {i.Latency.P99Ms:0.#} ms max {i.Latency.MaxMs:0.#} ms; {Rows.Statuses(i.StatusCodes)}");
            foreach (var extra in s.Extra)
            {
                Say($"  {extra.Key}: {extra.Value:0.###}");
            }
        }

        foreach (var t in report.Thresholds)
        {
            Say($"threshold {(t.Passed ? "pass" : "FAIL")}: {t.Threshold} on {t.Scenario}/{t.Target} = {t.Shown:0.###}");
        }

        if (report.Aborted is not null)
        {
            Say("Run " + report.Aborted + ".");
        }

        Say($"Reports: {Path.GetFullPath(folder)}/report.html (and report.md, steps.csv, timeseries.csv, report.json)");
        return report;
    }

    public static void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
