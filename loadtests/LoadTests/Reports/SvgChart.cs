using System.Globalization;
using System.Net;
using System.Text;

namespace WalletGateway.LoadTests;

/// <summary>A small line chart as inline SVG: no script, no external resource, readable offline.</summary>
internal static class SvgChart
{
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 56;
    private const int Right = 150;
    private const int Top = 14;
    private const int Bottom = 30;
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

    public static string Render(string title, string unit, IReadOnlyList<(string Name, IReadOnlyList<(double X, double? Y)> Points)> series)
    {
        var xs = series.SelectMany(s => s.Points.Select(p => p.X)).DefaultIfEmpty(0).ToArray();
        var ys = series.SelectMany(s => s.Points.Where(p => p.Y.HasValue).Select(p => p.Y!.Value)).DefaultIfEmpty(0).ToArray();
        double xMax = Math.Max(1, xs.Max()), yMax = Nice(Math.Max(ys.Max(), 1e-9));
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        string X(double x) => F(Left + (x / xMax * plotW));
        string Y(double y) => F(Top + plotH - (y / yMax * plotH));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{WebUtility.HtmlEncode(title)}</figcaption>");
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var y = yMax * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left + plotW}\" y1=\"{Y(y)}\" y2=\"{Y(y)}\" stroke=\"#e4e4e4\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Y(y)}\" font-size=\"10\" text-anchor=\"end\" dominant-baseline=\"middle\">{Label(y)}</text>");
        }

        for (var i = 0; i <= 5; i++)
        {
            var x = xMax * i / 5;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(x)}\" y=\"{Height - 12}\" font-size=\"10\" text-anchor=\"middle\">{Label(x)} s</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"6\" y=\"{Top + 4}\" font-size=\"10\">{WebUtility.HtmlEncode(unit)}</text>");
        for (var n = 0; n < series.Count; n++)
        {
            var color = Palette[n % Palette.Length];
            var path = new StringBuilder();
            var pen = 'M';
            foreach (var (x, y) in series[n].Points)
            {
                if (y is null)
                {
                    pen = 'M';
                    continue;
                }

                path.Append(pen).Append(X(x)).Append(',').Append(Y(y.Value)).Append(' ');
                pen = 'L';
            }

            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\"/>");
            var ly = Top + 8 + (n * 14);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - Right + 10}\" y=\"{ly - 5}\" width=\"10\" height=\"10\" fill=\"{color}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 24}\" y=\"{ly}\" font-size=\"10\" dominant-baseline=\"middle\">{WebUtility.HtmlEncode(series[n].Name)}</text>");
        }

        return svg.Append("</svg></figure>").ToString();
    }

    private static double Nice(double max)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= max)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Label(double v) => v >= 100 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
