using System.Globalization;

namespace WalletGateway.LoadTests;

/// <summary>The per-step table shared by the Markdown, CSV and HTML reports: one row per scenario and per step.</summary>
public static class Rows
{
    public static readonly string[] Header =
        ["scenario", "step", "ok", "fail", "fail %", "rate/s", "ok/s", "p50 ms", "p75 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms", "status codes"];

    public static IEnumerable<string[]> Of(CampaignReport report)
    {
        foreach (var scenario in report.Scenarios)
        {
            yield return Row(scenario.Name, "(iteration)", scenario.Iteration, scenario.FailRate);
            foreach (var step in scenario.Steps)
            {
                yield return Row(scenario.Name, step.Name, step, step.FailRate);
            }
        }
    }

    public static string N(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Statuses(IReadOnlyDictionary<string, long> codes) =>
        string.Join(" ", codes.OrderByDescending(c => c.Value).Select(c => $"{c.Key}={c.Value}"));

    private static string[] Row(string scenario, string step, StepSummary s, double failRate) =>
    [
        scenario, step, s.Ok.ToString(CultureInfo.InvariantCulture), s.Fail.ToString(CultureInfo.InvariantCulture),
        N(failRate * 100, "0.###"), N(s.RatePerSecond), N(s.OkPerSecond),
        N(s.Latency.P50Ms, "0.###"), N(s.Latency.P75Ms, "0.###"), N(s.Latency.P95Ms, "0.###"), N(s.Latency.P99Ms, "0.###"),
        N(s.Latency.P999Ms, "0.###"), N(s.Latency.MaxMs, "0.###"), Statuses(s.StatusCodes),
    ];
}
