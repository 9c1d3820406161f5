using System.Globalization;

namespace WalletGateway.LoadTests;

/// <summary>Durations as people write them: <c>250ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>, <c>1.5s</c>, <c>800us</c>.</summary>
public static class Durations
{
    public static TimeSpan Parse(string text)
    {
        text = text.Trim();
        (string unit, double factorMs) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => ("ms", 1.0),
            _ when text.EndsWith("us", StringComparison.OrdinalIgnoreCase) => ("us", 0.001),
            _ when text.EndsWith('s') => ("s", 1000.0),
            _ when text.EndsWith('m') => ("m", 60_000.0),
            _ when text.EndsWith('h') => ("h", 3_600_000.0),
            _ => throw new FormatException($"'{text}' is not a duration (e.g. 250ms, 30s, 2m)."),
        };
        var number = text[..^unit.Length];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new FormatException($"'{text}' is not a duration (e.g. 250ms, 30s, 2m).");
        }

        return TimeSpan.FromMilliseconds(value * factorMs);
    }

    public static string Format(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? span.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s"
            : span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
