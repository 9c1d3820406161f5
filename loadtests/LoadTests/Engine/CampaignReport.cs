namespace WalletGateway.LoadTests;

/// <summary>Everything a campaign measured; serialised as the JSON report and rendered into the others.</summary>
public sealed record CampaignReport(
    string RunName,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    string? Aborted,
    int ProcessorCount,
    string Runtime,
    string Os,
    int MaxInFlight,
    double LateAfterMs,
    IReadOnlyList<ScenarioSummary> Scenarios,
    IReadOnlyList<ThresholdResult> Thresholds,
    IReadOnlyList<string> Notes)
{
    public bool ThresholdsPassed => Thresholds.All(t => t.Passed);

    /// <summary>0 when every threshold held and the run was not cancelled; 1 when a threshold failed; 2 when aborted otherwise.</summary>
    public int ExitCode => !ThresholdsPassed ? 1 : Aborted is not null ? 2 : 0;

    public ScenarioSummary Scenario(string name) => Scenarios.First(s => s.Name == name);
}
