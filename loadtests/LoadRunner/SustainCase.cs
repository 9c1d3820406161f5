using System.Globalization;
using System.Text;

namespace WalletGateway.LoadTests.Runner;

/// <summary>One window of a sustained case: its label, its span after the load started, and its measures in order.</summary>
internal sealed record SustainColumn(string Label, double FromSeconds, double ToSeconds, IReadOnlyDictionary<string, double> Measures);

/// <summary>One device case of <c>loadrunner sustain</c>: the plan, the pools, and a column of measures per window.</summary>
internal sealed record SustainCase(
    string Devices,
    string Plan,
    int DevicePool,
    int Members,
    string? Aborted,
    IReadOnlyList<SustainColumn> Columns,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, int> Pids)
{
    /// <summary>A table: a row per measure (in the order first seen), a column per window.</summary>
    public static string Markdown(SustainCase c)
    {
        var md = new StringBuilder();
        if (c.Aborted is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**Run {c.Aborted}.**").AppendLine();
        }

        md.AppendLine("| measure | " + string.Join(" | ", c.Columns.Select(col => col.Label)) + " |");
        md.AppendLine("|---|" + string.Concat(c.Columns.Select(_ => "--:|")));
        var rows = c.Columns.SelectMany(col => col.Measures.Keys).Distinct(StringComparer.Ordinal).Where(k => k != "seconds");
        foreach (var row in rows)
        {
            md.AppendLine("| " + row + " | " + string.Join(" | ", c.Columns.Select(col => Format(col.Measures.TryGetValue(row, out var v) ? v : null))) + " |");
        }

        return md.ToString();
    }

    /// <summary>About three significant digits; "–" for not measured, blank for absent in that window.</summary>
    private static string Format(double? value) => value switch
    {
        null => "",
        double.NaN => "–",
        var v when Math.Abs(v.Value) >= 100 || v.Value == Math.Round(v.Value) => v.Value.ToString("0", CultureInfo.InvariantCulture),
        var v when Math.Abs(v.Value) >= 10 => v.Value.ToString("0.#", CultureInfo.InvariantCulture),
        var v when Math.Abs(v.Value) >= 1 => v.Value.ToString("0.##", CultureInfo.InvariantCulture),
        var v => v.Value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
