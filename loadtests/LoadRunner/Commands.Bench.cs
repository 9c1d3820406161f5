using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WalletGateway.LoadTests.Runner;

internal static partial class Commands
{
    /// <summary>
    /// Everything side by side in one run, <c>--repeat</c> times: the bare Kestrel ceiling, Azurite single vs batch,
    /// the gateway's knee, half-knee latency per step, and abusive-device at half the knee. Medians go to summary.md.
    /// </summary>
    public static async Task<int> BenchAsync(BenchOptions options, CancellationToken ct)
    {
        var name = options.Name ?? $"bench-{Stamp()}";
        var folder = Path.Combine("loadtests", "reports", name);
        Directory.CreateDirectory(folder);
        await using var stack = options.Stack
            ? await LocalStack.StartAsync(options.Root, Path.Combine(folder, "stack.log"), new Uri(options.Gateway), TimeSpan.FromMinutes(5), Say, ct)
            : null;
        var rounds = new List<BenchRound>();
        for (var round = 1; round <= options.Repeat; round++)
        {
            Say($"=== round {round} of {options.Repeat} ===");
            var bare = await BareCeilingAsync(options, $"{name}/r{round}-bare", ct);
            var (single, batch) = await AzuriteCeilingAsync(options, $"{name}/r{round}-azurite", ct);
            var knee = await KneeSearchAsync(options, $"{name}/r{round}-knee", ct);
            File.WriteAllText(Path.Combine(folder, $"r{round}-knee", "knee.md"), knee.Markdown());
            CampaignReport? abuse = null;
            if (knee.KneeRate > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(3), ct);
                var config = new CampaignConfig { Gateway = options.Gateway, Simulator = options.Simulator };
                using var gateway = CampaignFactory.Http(new Uri(options.Gateway), TimeSpan.FromSeconds(30));
                using var simulator = CampaignFactory.Http(new Uri(options.Simulator), TimeSpan.FromSeconds(30));
                var target = CampaignFactory.Target(config, gateway, simulator) with { SharedTerminals = knee.Target!.SharedTerminals };
                var plan = new[] { LoadSimulation.Inject(knee.KneeRate / 2, options.AbuseDuration) };
                abuse = await ExecuteAsync(new CampaignSettings { RunName = $"{name}/r{round}-abusive-device" }, CampaignFactory.AbusiveDevice(plan, target, null), options.NoLive, ct);
            }

            rounds.Add(BenchRound.From(bare, single, batch, knee, abuse));
            File.WriteAllText(Path.Combine(folder, "rounds.json"), JsonSerializer.Serialize(rounds, ReportWriter.Json));
        }

        var summary = Summary(name, options, rounds);
        File.WriteAllText(Path.Combine(folder, "summary.md"), summary);
        Console.WriteLine(summary);
        Say($"Summary: {Path.GetFullPath(Path.Combine(folder, "summary.md"))}");
        return 0;
    }

    private static string Summary(string name, BenchOptions options, List<BenchRound> rounds)
    {
        double Med(Func<BenchRound, double?> pick)
        {
            var values = rounds.Select(pick).OfType<double>().Order().ToArray();
            return values.Length == 0 ? double.NaN : values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
        }

        string All(Func<BenchRound, double?> pick, string format = "0.##") =>
            string.Join(" / ", rounds.Select(r => pick(r) is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-"));

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Bench `{name}`: median of {rounds.Count} round(s) (each round's value in brackets)").AppendLine();
        md.AppendLine("| measure | median | rounds |").AppendLine("|---|--:|---|");
        void Row(string label, Func<BenchRound, double?> pick, string format = "0.##") =>
            md.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {Med(pick).ToString(format, CultureInfo.InvariantCulture)} | {All(pick, format)} |");
        Row("Kestrel bare POST/s (64 copies, closed)", r => r.BarePostsPerSecond, "0");
        Row("Kestrel bare POST p99 ms", r => r.BareP99Ms);
        Row("Azurite single upserts entities/s (64 in flight)", r => r.AzuriteSinglePerSecond, "0");
        Row($"Azurite batch ({options.Batch}/transaction) entities/s (64 in flight)", r => r.AzuriteBatchEntitiesPerSecond, "0");
        Row("Azurite batch / single", r => r.AzuriteSinglePerSecond > 0 ? r.AzuriteBatchEntitiesPerSecond / r.AzuriteSinglePerSecond : null);
        Row("gateway knee, intended starts/s", r => r.KneeRate, "0.#");
        Row("gateway complete cards/s at the knee", r => r.KneeCardsPerSecond, "0.#");
        Row("gateway HTTP requests/s at the knee (cards × round trips)", r => r.KneeCardsPerSecond * r.RoundTripsPerCard, "0");
        Row("ratio gateway cards/s ÷ Kestrel POST/s", r => r.BarePostsPerSecond > 0 ? r.KneeCardsPerSecond / r.BarePostsPerSecond : null, "0.0000");
        Row("ratio gateway requests/s ÷ Kestrel POST/s", r => r.BarePostsPerSecond > 0 ? r.KneeCardsPerSecond * r.RoundTripsPerCard / r.BarePostsPerSecond : null, "0.0000");
        Row("round trips per card", r => r.RoundTripsPerCard);
        Row("half knee: card p50 ms (from intended start)", r => r.HalfCardP50Ms);
        Row("half knee: card p99 ms (from intended start)", r => r.HalfCardP99Ms);
        foreach (var step in rounds.SelectMany(r => r.HalfSteps.Keys).Distinct())
        {
            Row($"half knee: {step} p50 ms", r => r.HalfSteps.TryGetValue(step, out var v) ? v.P50 : null);
            Row($"half knee: {step} p99 ms", r => r.HalfSteps.TryGetValue(step, out var v) ? v.P99 : null);
        }

        Row("abusive-device: honest cards/s alone", r => r.HonestAlone);
        Row("abusive-device: honest cards/s beside abuser", r => r.HonestAbused);
        Row("abusive-device: honest throughput lost %", r => r.HonestLostPercent);
        Row("abusive-device: honest p99 ms alone", r => r.HonestP99Alone);
        Row("abusive-device: honest p99 ms beside abuser", r => r.HonestP99Abused);
        Row("abusive-device: abuser attempts/s", r => r.AbuserPerSecond, "0");
        Row("abusive-device: abuser answered 429 %", r => r.Abuser429Percent);
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Knee rule: a stage of {options.Stage.TotalSeconds:0} s at a fixed open rate holds when p99 ≤ {options.MaxP99.TotalMilliseconds:0} ms, failures + drops ≤ {options.MaxFail * 100:0.##} % and ≥ 95 % of planned cards completed; rates start at {options.Start} and grow ×{options.Factor}.");
        return md.ToString();
    }
}

internal sealed record BenchRound(
    double BarePostsPerSecond, double BareP99Ms, double AzuriteSinglePerSecond, double AzuriteBatchEntitiesPerSecond,
    double KneeRate, double KneeCardsPerSecond, double RoundTripsPerCard, double? WritesPerCard, double? HalfCardP50Ms, double? HalfCardP99Ms,
    Dictionary<string, StepLatency> HalfSteps, double? HonestAlone, double? HonestAbused, double? HonestLostPercent,
    double? HonestP99Alone, double? HonestP99Abused, double? AbuserPerSecond, double? Abuser429Percent)
{
    public static BenchRound From(CampaignReport bare, CampaignReport single, CampaignReport batch, KneeResult knee, CampaignReport? abuse)
    {
        var b = bare.Scenarios[0];
        var s = single.Scenarios[0];
        var t = batch.Scenarios[0];
        var half = knee.Half;
        var honest = abuse?.Scenarios.FirstOrDefault(x => x.Name == "honest");
        var abuser = abuse?.Scenarios.FirstOrDefault(x => x.Name == "abuser");
        double? Extra(ScenarioSummary? x, string key) => x is not null && x.Extra.TryGetValue(key, out var v) ? v : null;
        var abuserAttempts = abuser is null ? 0 : abuser.Iteration.Ok + abuser.Iteration.Fail;
        var abuserWindow = abuse is null ? 1 : abuse.DurationSeconds / 2;
        return new BenchRound(
            b.Iteration.OkPerSecond, b.Iteration.Latency.P99Ms, s.Extra["entities/s"], t.Extra["entities/s"],
            knee.KneeRate, knee.KneeCardsPerSecond, half?.RequestsPerOkIteration ?? 0, Extra(half, "durable writes per card"),
            half?.Iteration.Latency.P50Ms, half?.Iteration.Latency.P99Ms,
            half?.Steps.ToDictionary(x => x.Name, x => new StepLatency(x.Latency.P50Ms, x.Latency.P99Ms)) ?? [],
            Extra(honest, "honest cards/s alone"), Extra(honest, "honest cards/s beside abuser"), Extra(honest, "honest throughput lost %"),
            Extra(honest, "honest p99 ms alone (median of seconds)"), Extra(honest, "honest p99 ms beside abuser (median of seconds)"),
            abuser is null ? null : abuserAttempts / abuserWindow,
            abuser is null || abuserAttempts == 0 ? null : 100.0 * (abuser.Steps.FirstOrDefault(x => x.Name == "open")?.StatusCodes.GetValueOrDefault("429") ?? 0) / abuserAttempts);
    }
}

internal sealed record StepLatency(double P50, double P99);
