using System.Globalization;
using System.Text.RegularExpressions;

namespace WalletGateway.LoadTests;

/// <summary>
/// A pass/fail rule on a scenario's or a step's numbers, written as text:
/// <c>p99 &lt; 200ms</c>, <c>fail-rate &lt; 1%</c>, <c>authenticate:p99.9 &lt;= 1s</c>, <c>provision:ok-rate &gt;= 20/s</c>,
/// <c>dropped == 0</c>. Scope <c>[scenario:][step:]</c>; without one it applies to every scenario's iterations.
/// Metrics: p50 p75 p95 p99 p99.9 max mean (latency of ok answers), fail-rate, ok-rate, rate, ok, fail,
/// dropped, late (counts; as a share of starts when the value ends in %).
/// </summary>
public sealed partial record Threshold(string Text, string? Scenario, string? Step, string Metric, string Operator, double Value, bool Percent)
{
    private static readonly string[] Metrics = ["p50", "p75", "p95", "p99", "p99.9", "max", "mean", "fail-rate", "ok-rate", "rate", "ok", "fail", "dropped", "late"];

    public static Threshold Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not a threshold (e.g. 'p99 < 200ms', 'fail-rate < 1%', 'authenticate:p95 < 1s').");
        }

        var scope = match.Groups["scope"].Value.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var metric = match.Groups["metric"].Value.ToLowerInvariant();
        if (!Metrics.Contains(metric))
        {
            throw new FormatException($"Unknown metric '{metric}' in '{text}' ({string.Join(", ", Metrics)}).");
        }

        var number = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var isLatency = metric.StartsWith('p') || metric is "max" or "mean";
        var value = unit switch
        {
            "ms" => number,
            "s" => number * 1000,
            "us" => number / 1000,
            "%" => number / 100,
            "" or "/s" => number,
            _ => throw new FormatException($"Unknown unit '{unit}' in '{text}'."),
        };
        if (isLatency && unit is not ("ms" or "s" or "us"))
        {
            throw new FormatException($"Latency threshold '{text}' needs a unit: ms, s or us.");
        }

        if (metric == "fail-rate" && unit != "%")
        {
            throw new FormatException($"'{text}': write fail-rate as a percentage, e.g. 'fail-rate < 1%'.");
        }

        return new Threshold(
            text.Trim(),
            scope.Length == 2 ? scope[0] : null,
            scope.Length == 2 ? scope[1] : scope.Length == 1 ? scope[0] : null,
            metric,
            match.Groups["op"].Value,
            value,
            unit == "%");
    }

    /// <summary>Checks the rule against one scenario. Null when it does not apply (other scenario, step not seen yet).</summary>
    public ThresholdResult? Evaluate(ScenarioSummary scenario)
    {
        if (Scenario is not null && !Scenario.Equals(scenario.Name, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        StepSummary? target = scenario.Iteration;
        if (Step is not null)
        {
            target = scenario.Steps.FirstOrDefault(s => s.Name.Equals(Step, StringComparison.OrdinalIgnoreCase));
            if (target is null)
            {
                // "authenticate:p99" in a campaign whose only scenario is named authenticate: the scope was the scenario.
                if (Scenario is null && Step.Equals(scenario.Name, StringComparison.OrdinalIgnoreCase))
                {
                    target = scenario.Iteration;
                }
                else
                {
                    return null;
                }
            }
        }

        var isIteration = ReferenceEquals(target, scenario.Iteration);
        double attempts = target.Ok + target.Fail + (isIteration ? scenario.Dropped : 0);
        double actual = Metric switch
        {
            "p50" => target.Latency.P50Ms,
            "p75" => target.Latency.P75Ms,
            "p95" => target.Latency.P95Ms,
            "p99" => target.Latency.P99Ms,
            "p99.9" => target.Latency.P999Ms,
            "max" => target.Latency.MaxMs,
            "mean" => target.Latency.MeanMs,
            "fail-rate" => isIteration ? scenario.FailRate : target.FailRate,
            "ok-rate" => target.OkPerSecond,
            "rate" => target.RatePerSecond,
            "ok" => target.Ok,
            "fail" => target.Fail,
            "dropped" => Percent ? (attempts == 0 ? 0 : scenario.Dropped / attempts) : scenario.Dropped,
            "late" => Percent ? (scenario.Started == 0 ? 0 : (double)scenario.Late / scenario.Started) : scenario.Late,
            _ => double.NaN,
        };
        var passed = Operator switch
        {
            "<" => actual < Value,
            "<=" => actual <= Value,
            ">" => actual > Value,
            ">=" => actual >= Value,
            _ => actual == Value,
        };
        return new ThresholdResult(Text, scenario.Name, target.Name, passed, Math.Round(actual, 6), Percent ? actual * 100 : actual);
    }

    [GeneratedRegex(@"^(?<scope>([A-Za-z0-9_\-\.]+:){0,2})(?<metric>p99\.9|[a-z0-9\-]+)\s*(?<op><=|>=|==|<|>)\s*(?<value>[0-9]+(\.[0-9]+)?)\s*(?<unit>ms|us|s|%|/s)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}

/// <summary>A threshold checked against one scenario (or one of its steps).</summary>
/// <param name="Threshold">The rule as written.</param>
/// <param name="Scenario">Scenario it was checked on.</param>
/// <param name="Target">The step (or scenario) whose numbers were used.</param>
/// <param name="Passed">Whether the rule held.</param>
/// <param name="Actual">The number compared, in the rule's base unit (ms for latency, a fraction for %).</param>
/// <param name="Shown">The number as the rule is written (percent for %).</param>
public sealed record ThresholdResult(string Threshold, string Scenario, string Target, bool Passed, double Actual, double Shown);
