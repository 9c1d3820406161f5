namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// <c>abusive-device</c>, the honest half: the provision path whose plan runs alone for a first window, then beside
/// the abuser. Reports honest completed cards per second and p99 in both windows and the share lost.
/// </summary>
public sealed class HonestUnderAbuseScenario(GatewayTarget target, TimeSpan abuseStartsAt, TimeSpan abuseEndsAt)
    : ProvisionScenario(target, "honest")
{
    // Skip the first seconds of each window: ramp-up, and the switch from one regime to the other.
    private const double SettleSeconds = 3;

    public override IReadOnlyDictionary<string, double> ExtraMetrics(ScenarioSummary summary)
    {
        var extra = new Dictionary<string, double>(base.ExtraMetrics(summary));
        var series = summary.Iteration.Series;
        var alone = Window(series, SettleSeconds, abuseStartsAt.TotalSeconds);
        var abused = Window(series, abuseStartsAt.TotalSeconds + SettleSeconds, abuseEndsAt.TotalSeconds);
        if (alone.Count == 0 || abused.Count == 0)
        {
            return extra;
        }

        var okAlone = alone.Average(p => p.OkPerSecond);
        var okAbused = abused.Average(p => p.OkPerSecond);
        extra["honest cards/s alone"] = Math.Round(okAlone, 2);
        extra["honest cards/s beside abuser"] = Math.Round(okAbused, 2);
        extra["honest throughput lost %"] = okAlone > 0 ? Math.Round((okAlone - okAbused) / okAlone * 100, 2) : 0;
        extra["honest failed/s alone"] = Math.Round(alone.Average(p => p.FailPerSecond), 2);
        extra["honest failed/s beside abuser"] = Math.Round(abused.Average(p => p.FailPerSecond), 2);
        extra["honest p99 ms alone (median of seconds)"] = Median(alone.Select(p => p.P99Ms));
        extra["honest p99 ms beside abuser (median of seconds)"] = Median(abused.Select(p => p.P99Ms));
        return extra;
    }

    private static List<TimePoint> Window(IReadOnlyList<TimePoint> series, double from, double to) =>
        [.. series.Where(p => p.AtSeconds > from && p.AtSeconds <= to)];

    private static double Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
