using System.Globalization;
using WalletGateway.LoadTests.Scenarios;

namespace WalletGateway.LoadTests.Runner;

internal static partial class Commands
{
    public static async Task<int> KneeAsync(BenchOptions options, CancellationToken ct)
    {
        var name = options.Name ?? $"knee-{Stamp()}";
        await using var stack = options.Stack
            ? await LocalStack.StartAsync(options.Root, Path.Combine("loadtests", "reports", name, "stack.log"), new Uri(options.Gateway), TimeSpan.FromMinutes(5), Say, ct)
            : null;
        var result = await KneeSearchAsync(options, name, ct);
        File.WriteAllText(Path.Combine("loadtests", "reports", name, "knee.md"), result.Markdown());
        Say($"Knee: {result.KneeRate:0.##} starts/s ({result.KneeCardsPerSecond:0.##} cards/s). Table: loadtests/reports/{name}/knee.md");
        return 0;
    }

    /// <summary>
    /// Provision at rising open rates (start, start·factor, …), one fresh campaign per stage, until a stage fails:
    /// p99 above the limit, failures (or drops) above the limit, or fewer than 95 % of the planned cards done.
    /// The knee is the last stage that held. Then one campaign at half the knee for per-step latency, round trips and writes.
    /// </summary>
    public static async Task<KneeResult> KneeSearchAsync(BenchOptions options, string name, CancellationToken ct)
    {
        var stages = new List<KneeStage>();
        using var gateway = CampaignFactory.Http(new Uri(options.Gateway), TimeSpan.FromSeconds(30));
        using var simulator = CampaignFactory.Http(new Uri(options.Simulator), TimeSpan.FromSeconds(30));
        var config = new CampaignConfig { Gateway = options.Gateway, Simulator = options.Simulator };
        var baseTarget = CampaignFactory.Target(config, gateway, simulator);
        var target = baseTarget with { SharedTerminals = new TerminalPool(baseTarget) };
        double knee = 0, kneeCards = 0;
        for (var rate = options.Start; rate <= options.MaxRate && !ct.IsCancellationRequested; rate *= options.Factor)
        {
            rate = Math.Round(rate, 1);
            var plan = new[] { LoadSimulation.Inject(rate, options.Stage) };
            var settings = new CampaignSettings { RunName = $"{name}/stage-{rate.ToString("0.#", CultureInfo.InvariantCulture)}", DrainTimeout = TimeSpan.FromSeconds(15) };
            var report = await ExecuteAsync(settings, [new ScenarioRun(new ProvisionScenario(target), plan)], options.NoLive, ct);
            var s = report.Scenario("provision");
            var planned = rate * options.Stage.TotalSeconds;
            var cardsPerSecond = s.Iteration.Ok / options.Stage.TotalSeconds;
            var held = s.Iteration.Latency.P99Ms <= options.MaxP99.TotalMilliseconds && s.FailRate <= options.MaxFail && s.Iteration.Ok >= 0.95 * planned;
            stages.Add(new KneeStage(rate, cardsPerSecond, s.Iteration.Latency.P50Ms, s.Iteration.Latency.P99Ms, s.FailRate, s.Dropped, s.Late, Rows.Statuses(s.Iteration.StatusCodes), held));
            if (!held)
            {
                break;
            }

            (knee, kneeCards) = (rate, cardsPerSecond);
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
        }

        if (knee <= 0)
        {
            return new KneeResult(stages, 0, 0, null, null);
        }

        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var half = await ExecuteAsync(new CampaignSettings { RunName = $"{name}/half-knee" },
            [new ScenarioRun(new ProvisionScenario(target), [LoadSimulation.Inject(knee / 2, options.HalfDuration)])], options.NoLive, ct);
        return new KneeResult(stages, knee, kneeCards, half.Scenario("provision"), target);
    }
}

internal sealed record KneeStage(double Rate, double CardsPerSecond, double P50Ms, double P99Ms, double FailRate, long Dropped, long Late, string Statuses, bool Held);

internal sealed record KneeResult(IReadOnlyList<KneeStage> Stages, double KneeRate, double KneeCardsPerSecond, ScenarioSummary? Half, GatewayTarget? Target)
{
    public string Markdown()
    {
        var md = new System.Text.StringBuilder("| intended starts/s | cards/s done | p50 ms | p99 ms | fail % | dropped | late | held | statuses |\n|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
        foreach (var s in Stages)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {s.Rate:0.#} | {s.CardsPerSecond:0.##} | {s.P50Ms:0.#} | {s.P99Ms:0.#} | {s.FailRate * 100:0.###} | {s.Dropped} | {s.Late} | {(s.Held ? "yes" : "no")} | {s.Statuses} |");
        }

        if (Half is { } half)
        {
            md.AppendLine().AppendLine($"Half the knee ({KneeRate / 2:0.#} starts/s): round trips per card {half.RequestsPerOkIteration:0.##}; "
                + string.Join("; ", half.Extra.Select(e => $"{e.Key} {e.Value:0.###}"))).AppendLine()
                .AppendLine("| step | ok | fail | p50 ms | p99 ms |").AppendLine("|---|--:|--:|--:|--:|");
            foreach (var step in half.Steps.Prepend(half.Iteration with { Name = "(card, from intended start)" }))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {step.Name} | {step.Ok} | {step.Fail} | {step.Latency.P50Ms:0.##} | {step.Latency.P99Ms:0.##} |");
            }
        }

        return md.ToString();
    }
}
