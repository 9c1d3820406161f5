using System.Text.Json;
using System.Text.Json.Serialization;

namespace WalletGateway.LoadTests;

/// <summary>Writes a campaign's report as HTML (inline SVG charts, no scripts from elsewhere), Markdown, CSV and JSON.</summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <c>report.html</c>, <c>report.md</c>, <c>steps.csv</c>, <c>timeseries.csv</c> and <c>report.json</c>.</summary>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> WriteAll(CampaignReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new (string Name, string Text)[]
        {
            ("report.json", JsonSerializer.Serialize(report, Json)),
            ("report.md", MarkdownReport.Render(report)),
            ("steps.csv", CsvReport.Steps(report)),
            ("timeseries.csv", CsvReport.TimeSeries(report)),
            ("report.html", HtmlReport.Render(report)),
        };
        var paths = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            paths.Add(path);
        }

        return paths;
    }

    public static CampaignReport Read(string path) =>
        JsonSerializer.Deserialize<CampaignReport>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no report.");
}
