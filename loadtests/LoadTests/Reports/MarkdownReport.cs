using System.Text;

namespace WalletGateway.LoadTests;

/// <summary>The report as Markdown: summary, thresholds, per-step table, notes.</summary>
public static class MarkdownReport
{
    public static string Render(CampaignReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Load campaign `{report.RunName}`").AppendLine();
        md.AppendLine($"Started {report.StartedAt:u}, ran {report.DurationSeconds:0.0} s on {report.ProcessorCount} cores, {report.Runtime}, {report.Os}.");
        md.AppendLine($"Open-model latency is timed from each iteration's intended start; starts beyond {report.MaxInFlight} in flight are dropped (counted), starts more than {report.LateAfterMs:0} ms behind are late (counted).");
        if (report.Aborted is not null)
        {
            md.AppendLine().AppendLine($"**Run {report.Aborted}.**");
        }

        md.AppendLine().AppendLine("## Scenarios").AppendLine();
        md.AppendLine("| scenario | plan | started | ok | failed | dropped | late | fail % | intended/s | ok/s | p50 ms | p99 ms | p99.9 ms | max ms | round trips per ok | start lag p99 ms |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var s in report.Scenarios)
        {
            var i = s.Iteration;
            md.AppendLine($"| {s.Name} | `{s.Plan}`{(s.MaxIterations is { } m ? $" (max {m})" : "")} | {s.Started} | {i.Ok} | {i.Fail} | {s.Dropped} | {s.Late} | {Rows.N(s.FailRate * 100, "0.###")} | {(s.IntendedRatePerSecond is { } r ? Rows.N(r) : "closed")} | {Rows.N(i.OkPerSecond)} | {Rows.N(i.Latency.P50Ms, "0.#")} | {Rows.N(i.Latency.P99Ms, "0.#")} | {Rows.N(i.Latency.P999Ms, "0.#")} | {Rows.N(i.Latency.MaxMs, "0.#")} | {Rows.N(s.RequestsPerOkIteration)} | {Rows.N(s.StartLag.P99Ms, "0.#")} |");
        }

        foreach (var s in report.Scenarios.Where(s => s.Extra.Count > 0))
        {
            md.AppendLine().AppendLine($"**{s.Name}**: " + string.Join("; ", s.Extra.Select(e => $"{e.Key} = {Rows.N(e.Value, "0.###")}")));
        }

        if (report.Thresholds.Count > 0)
        {
            md.AppendLine().AppendLine("## Thresholds").AppendLine();
            md.AppendLine("| threshold | scenario | on | actual | result |").AppendLine("|---|---|---|--:|---|");
            foreach (var t in report.Thresholds)
            {
                md.AppendLine($"| `{t.Threshold}` | {t.Scenario} | {t.Target} | {Rows.N(t.Shown, "0.###")} | {(t.Passed ? "pass" : "**FAIL**")} |");
            }
        }

        md.AppendLine().AppendLine("## Steps").AppendLine();
        md.AppendLine("| " + string.Join(" | ", Rows.Header) + " |");
        md.AppendLine("|" + string.Concat(Rows.Header.Select((_, n) => n < 2 || n == Rows.Header.Length - 1 ? "---|" : "--:|")));
        foreach (var row in Rows.Of(report))
        {
            md.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        if (report.Notes.Count > 0)
        {
            md.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var note in report.Notes)
            {
                md.AppendLine("- " + note);
            }
        }

        return md.ToString();
    }
}
