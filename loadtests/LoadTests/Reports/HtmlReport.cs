using System.Net;
using System.Text;

namespace WalletGateway.LoadTests;

/// <summary>One self-contained HTML page: summary, thresholds, per-step table and, per scenario, rate and latency over time per step.</summary>
public static class HtmlReport
{
    public static string Render(CampaignReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(report.RunName))
            .Append("</title><style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:13px;margin:8px 0 18px}"
                + "td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}td:first-child,th:first-child,td:nth-child(2){text-align:left}"
                + ".fail{color:#b00;font-weight:bold}.pass{color:#070}figure{display:inline-block;margin:6px 12px 6px 0}figcaption{font-size:13px;font-weight:600}</style></head><body>");
        html.Append("<h1>Load campaign ").Append(E(report.RunName)).Append("</h1><p>")
            .Append(E($"Started {report.StartedAt:u}, ran {report.DurationSeconds:0.0} s on {report.ProcessorCount} cores, {report.Runtime}. "
                + $"Open-model latency is timed from each iteration's intended start; starts beyond {report.MaxInFlight} in flight are dropped, starts more than {report.LateAfterMs:0} ms behind are late; both are counted."))
            .Append("</p>");
        if (report.Aborted is not null)
        {
            html.Append("<p class=\"fail\">Run ").Append(E(report.Aborted)).Append(".</p>");
        }

        if (report.Thresholds.Count > 0)
        {
            html.Append("<h2>Thresholds</h2><table><tr><th>threshold</th><th>scenario</th><th>on</th><th>actual</th><th>result</th></tr>");
            foreach (var t in report.Thresholds)
            {
                html.Append("<tr><td>").Append(E(t.Threshold)).Append("</td><td>").Append(E(t.Scenario)).Append("</td><td>").Append(E(t.Target))
                    .Append("</td><td>").Append(Rows.N(t.Shown, "0.###")).Append("</td><td class=\"").Append(t.Passed ? "pass\">pass" : "fail\">FAIL").Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Scenarios</h2><table><tr><th>scenario</th><th>plan</th><th>started</th><th>ok</th><th>failed</th><th>dropped</th><th>late</th><th>fail %</th><th>ok/s</th><th>p99 ms</th><th>round trips per ok</th></tr>");
        foreach (var s in report.Scenarios)
        {
            html.Append("<tr><td>").Append(E(s.Name)).Append("</td><td>").Append(E(s.Plan)).Append("</td><td>").Append(s.Started).Append("</td><td>")
                .Append(s.Iteration.Ok).Append("</td><td>").Append(s.Iteration.Fail).Append("</td><td>").Append(s.Dropped).Append("</td><td>").Append(s.Late)
                .Append("</td><td>").Append(Rows.N(s.FailRate * 100, "0.###")).Append("</td><td>").Append(Rows.N(s.Iteration.OkPerSecond)).Append("</td><td>")
                .Append(Rows.N(s.Iteration.Latency.P99Ms, "0.#")).Append("</td><td>").Append(Rows.N(s.RequestsPerOkIteration)).Append("</td></tr>");
        }

        html.Append("</table><h2>Steps</h2><table><tr>");
        foreach (var h in Rows.Header)
        {
            html.Append("<th>").Append(E(h)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var row in Rows.Of(report))
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
        foreach (var s in report.Scenarios)
        {
            var steps = s.Steps.Prepend(s.Iteration with { Name = "(iteration)" }).ToArray();
            html.Append("<h2>").Append(E(s.Name)).Append(" over time</h2>");
            if (s.Extra.Count > 0)
            {
                html.Append("<p>").Append(E(string.Join("; ", s.Extra.Select(e => $"{e.Key} = {Rows.N(e.Value, "0.###")}")))).Append("</p>");
            }

            html.Append(SvgChart.Render("ok per second", "ok/s", [.. steps.Select(st => (st.Name, Points(st, p => p.OkPerSecond)))]));
            html.Append(SvgChart.Render("failed per second", "fail/s", [.. steps.Select(st => (st.Name, Points(st, p => p.FailPerSecond)))]));
            html.Append(SvgChart.Render("p50 latency (ms)", "ms", [.. steps.Select(st => (st.Name, Points(st, p => p.P50Ms)))]));
            html.Append(SvgChart.Render("p99 latency (ms)", "ms", [.. steps.Select(st => (st.Name, Points(st, p => p.P99Ms)))]));
        }

        if (report.Notes.Count > 0)
        {
            html.Append("<h2>Notes</h2><ul>");
            foreach (var note in report.Notes)
            {
                html.Append("<li>").Append(E(note)).Append("</li>");
            }

            html.Append("</ul>");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static IReadOnlyList<(double X, double? Y)> Points(StepSummary step, Func<TimePoint, double?> value) =>
        [.. step.Series.Select(p => (p.AtSeconds, value(p)))];

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
