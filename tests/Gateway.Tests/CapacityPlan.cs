using System.Diagnostics;
using System.Globalization;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// docs/capacity.md read back: the inputs (rows <c>| `id` | value | … |</c>), the plan table the doc shows, and what
/// scripts/capacity.sh computes from a copy of the doc.
/// </summary>
internal sealed class CapacityPlan
{
    private const string PlanStart = "<!-- capacity:plan -->";
    private const string PlanEnd = "<!-- /capacity:plan -->";

    private CapacityPlan(string text) => Text = text;

    public string Text { get; }

    public static CapacityPlan Shipped { get; } = new(File.ReadAllText(RepositoryFiles.PathOf("docs", "capacity.md")));

    /// <summary>The plan table between the markers, as the doc shows it.</summary>
    public string PlanTable
    {
        get
        {
            var start = Text.IndexOf(PlanStart, StringComparison.Ordinal) + PlanStart.Length;
            return Text[start..Text.IndexOf(PlanEnd, start, StringComparison.Ordinal)].Trim();
        }
    }

    public decimal Input(string id) => Number(Cells(Text, $"| `{id}` |")[1]);

    /// <summary>A number of the plan table: the row that starts with <paramref name="row"/>, its <paramref name="column"/>-th value.</summary>
    public decimal Planned(string row, int column = 0) => Number(Cells(PlanTable, "| " + row)[1 + column]);

    public CapacityPlan WithInput(string id, string value)
    {
        var line = Text.Split('\n').Single(l => l.StartsWith($"| `{id}` |", StringComparison.Ordinal));
        var cells = line.Split('|');
        cells[2] = $" {value} ";
        return new(Text.Replace(line, string.Join('|', cells), StringComparison.Ordinal));
    }

    public CapacityPlan WithoutInput(string id) =>
        new(string.Join('\n', Text.Split('\n').Where(l => !l.StartsWith($"| `{id}` |", StringComparison.Ordinal))));

    /// <summary>Runs scripts/capacity.sh on this doc (a temporary copy): exit code, standard output, standard error.</summary>
    public async Task<(int ExitCode, string Output, string Error)> ComputeAsync()
    {
        var doc = Path.Combine(Path.GetTempPath(), $"capacity-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(doc, Text);
        try
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(RepositoryFiles.PathOf("scripts", "capacity.sh"));
            start.Environment["CAPACITY_DOC"] = doc;
            using var script = Process.Start(start)!;
            var output = script.StandardOutput.ReadToEndAsync();
            var error = script.StandardError.ReadToEndAsync();
            await script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return (script.ExitCode, (await output).Trim(), await error);
        }
        finally
        {
            File.Delete(doc);
        }
    }

    private static string[] Cells(string table, string rowStart) =>
        table.Split('\n').Single(l => l.StartsWith(rowStart, StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries)[1..^1];

    private static decimal Number(string cell) => decimal.Parse(cell.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
