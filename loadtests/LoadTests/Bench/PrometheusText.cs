using System.Globalization;

namespace WalletGateway.LoadTests;

/// <summary>One scrape of a Prometheus text endpoint: every sample by metric name, with its labels.</summary>
public sealed class PrometheusText
{
    private readonly List<Sample> _samples = [];

    public IReadOnlyList<Sample> Samples => _samples;

    public static async Task<PrometheusText> ScrapeAsync(HttpClient http, Uri url, CancellationToken ct) =>
        Parse(await http.GetStringAsync(url, ct));

    public static PrometheusText Parse(string text)
    {
        var scrape = new PrometheusText();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var brace = line.IndexOf('{');
            var close = brace < 0 ? -1 : line.LastIndexOf('}');
            var space = line.IndexOf(' ', close < 0 ? 0 : close);
            if (space < 0)
            {
                continue;
            }

            var name = brace < 0 || brace > space ? line[..space] : line[..brace];
            var labels = brace < 0 || brace > space ? new Dictionary<string, string>() : Labels(line[(brace + 1)..close]);
            var value = line[(space + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                scrape._samples.Add(new Sample(name, labels, v));
            }
        }

        return scrape;
    }

    /// <summary>Sum of a metric's samples, grouped by the values of <paramref name="by"/> joined with " ".</summary>
    public Dictionary<string, double> SumBy(string name, Func<IReadOnlyDictionary<string, string>, bool>? where, params string[] by)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in _samples.Where(s => s.Name == name && (where is null || where(s.Labels))))
        {
            var key = string.Join(" ", by.Select(l => s.Labels.GetValueOrDefault(l, "")));
            sums[key] = sums.GetValueOrDefault(key) + s.Value;
        }

        return sums;
    }

    private static Dictionary<string, string> Labels(string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0 || eq + 1 >= text.Length || text[eq + 1] != '"')
            {
                break;
            }

            var value = new System.Text.StringBuilder();
            var j = eq + 2;
            for (; j < text.Length && text[j] != '"'; j++)
            {
                value.Append(text[j] == '\\' && j + 1 < text.Length ? text[++j] switch { 'n' => '\n', var c => c } : text[j]);
            }

            labels[text[i..eq].Trim()] = value.ToString();
            i = j + 1 < text.Length && text[j + 1] == ',' ? j + 2 : j + 1;
        }

        return labels;
    }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
