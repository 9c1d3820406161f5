using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WalletGateway.LoadTests.Dsl;

/// <summary>
/// Runs <see cref="Scenario.Create"/> scenarios side by side on our engine (NBomber's <c>NBomberRunner</c>):
/// <c>CampaignRunner.RegisterScenarios(s).WithThresholds("fail-rate &lt; 1%", "open:p99 &lt; 500ms").RunAsync()</c> returns the
/// <see cref="CampaignReport"/>, its thresholds judged; <see cref="CampaignReport.ExitCode"/> is the console host's exit code.
/// </summary>
public sealed record CampaignRunner
{
    private CampaignRunner(IReadOnlyList<ScenarioProps> scenarios) => Scenarios = scenarios;

    public IReadOnlyList<ScenarioProps> Scenarios { get; }

    /// <summary>How the campaign runs (run name, report folder, in-flight bound, drain…); the With… methods set parts of it.</summary>
    public CampaignSettings Settings { get; init; } = new();

    public ILogger Logger { get; init; } = NullLogger.Instance;

    public ICampaignObserver? Observer { get; init; }

    public static CampaignRunner RegisterScenarios(params ScenarioProps[] scenarios)
    {
        if (scenarios.Length == 0 || scenarios.Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != scenarios.Length)
        {
            throw new ArgumentException("At least one scenario, each with a name of its own.", nameof(scenarios));
        }

        return new CampaignRunner(scenarios);
    }

    /// <summary>Rules as <see cref="Threshold.Parse"/> reads them: <c>fail-rate &lt; 1%</c>, <c>provision:open:p99 &lt; 500ms</c>.</summary>
    public CampaignRunner WithThresholds(params string[] rules) =>
        this with { Settings = Settings with { Thresholds = [.. Settings.Thresholds, .. rules.Select(Threshold.Parse)] } };

    /// <summary>
    /// Writes the reports (HTML, Markdown, CSV, JSON) into <paramref name="folder"/>/run name (<see cref="WithRunName"/>);
    /// without it none are written.
    /// </summary>
    public CampaignRunner WithReportFolder(string folder) => this with { Settings = Settings with { ReportRoot = folder }, WritesReports = true };

    public CampaignRunner WithRunName(string name) => this with { Settings = Settings with { RunName = name } };

    public CampaignRunner WithSettings(Func<CampaignSettings, CampaignSettings> change) => this with { Settings = change(Settings) };

    public CampaignRunner WithLogger(ILogger logger) => this with { Logger = logger };

    /// <summary>Sees the campaign as it runs; a <see cref="ConsoleObserver"/> shows the live table (or plain lines).</summary>
    public CampaignRunner WithObserver(ICampaignObserver observer) => this with { Observer = observer };

    public bool WritesReports { get; private init; }

    /// <summary>Runs every scenario on its plan, then writes the reports (if a folder was given) and returns the report.</summary>
    public async Task<CampaignReport> RunAsync(CancellationToken ct = default)
    {
        var runs = Scenarios.Select(s => new DslScenario(s, Logger).ToRun()).ToArray();
        var campaign = new Campaign(Settings, runs);
        var report = Observer is ConsoleObserver console
            ? await console.RunAsync(() => campaign.RunAsync(console, ct))
            : await campaign.RunAsync(Observer, ct);
        if (WritesReports)
        {
            ReportWriter.WriteAll(report, Path.Combine(Settings.ReportRoot, Settings.RunName));
        }

        return report;
    }

    public CampaignReport Run() => RunAsync().GetAwaiter().GetResult();
}
