using System.Text;

namespace WalletGateway.LoadTests;

/// <summary>CSV: one file with the per-step table, one with the per-second time series.</summary>
public static class CsvReport
{
    public static string Steps(CampaignReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", Rows.Header.Select(Escape)));
        foreach (var row in Rows.Of(report))
        {
            text.AppendLine(string.Join(",", row.Select(Escape)));
        }

        return text.ToString();
    }

    public static string TimeSeries(CampaignReport report)
    {
        var text = new StringBuilder("scenario,step,at_s,ok_per_s,fail_per_s,p50_ms,p99_ms,max_ms\n");
        foreach (var scenario in report.Scenarios)
        {
            foreach (var step in scenario.Steps.Prepend(scenario.Iteration with { Name = "(iteration)" }))
            {
                foreach (var p in step.Series)
                {
                    text.Append(Escape(scenario.Name)).Append(',').Append(Escape(step.Name)).Append(',')
                        .Append(Rows.N(p.AtSeconds, "0.###")).Append(',').Append(Rows.N(p.OkPerSecond)).Append(',')
                        .Append(Rows.N(p.FailPerSecond)).Append(',').Append(Opt(p.P50Ms)).Append(',').Append(Opt(p.P99Ms)).Append(',')
                        .Append(Opt(p.MaxMs)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private static string Opt(double? value) => value is { } v ? Rows.N(v, "0.###") : "";

    private static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
