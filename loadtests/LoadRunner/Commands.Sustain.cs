using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using WalletGateway.LoadTests.Scenarios;

namespace WalletGateway.LoadTests.Runner;

internal static partial class Commands
{
    /// <summary>The closed model's pools (members, reused devices) last this many cards a second for the whole duration.</summary>
    private const double MaxClosedCardsPerSecond = 150;

    /// <summary>Raised for <c>--stack</c>: one runner's address registers every new device, far above one phone's share.</summary>
    private const string RegistrationLimit = "WalletGateway__Edge__DeviceRegistrationsPerMinutePerAddress";

    /// <summary>
    /// A sustained <c>provision</c> campaign per device case (a new device per card, or a pool of reused devices), with
    /// cards/s, failures, latency and the cost of a card (CPU per process, storage requests, log lines, exceptions, bytes
    /// allocated) per window: the first minute, then the rest (or every <c>--window</c>).
    /// </summary>
    public static async Task<int> SustainAsync(SustainOptions o, CancellationToken ct)
    {
        var name = o.Name ?? $"sustain-{Stamp()}";
        var folder = Path.Combine("loadtests", "reports", name);
        Directory.CreateDirectory(folder);
        if (o.Stack)
        {
            Environment.SetEnvironmentVariable(RegistrationLimit, "1000000");
        }

        using var gateways = new Gateways(o.Gateway, TimeSpan.FromSeconds(30));
        await using var stack = o.Stack
            ? await LocalStack.StartAsync(o.Root, Path.Combine(folder, "stack.log"), gateways.First, TimeSpan.FromMinutes(5), Say, ct)
            : null;
        using var simulator = CampaignFactory.Http(new Uri(o.Simulator), TimeSpan.FromSeconds(30));
        using var scraper = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = o.SiloOpsPorts.Prepend(o.OpsPort).Select(p => new Uri($"http://127.0.0.1:{p}/metrics")).ToArray();
        var cases = new List<SustainCase>();
        var md = new StringBuilder($"# Sustained provisioning `{name}`\n\n")
            .AppendLine(CultureInfo.InvariantCulture, $"Started {DateTimeOffset.UtcNow:u} on {Environment.ProcessorCount} cores; `loadrunner sustain {string.Join(' ', Environment.GetCommandLineArgs().Skip(2))}`.")
            .AppendLine("Latency of a card and of its first step is timed from the intended start; p50/p99 are of the ok answers in the window. Per-card costs are deltas over the window ÷ cards completed in it.");
        foreach (var devices in o.Devices)
        {
            var pids = FindProcesses(o);
            Say("Processes measured: " + string.Join(", ", pids.Select(p => $"{p.Key} {p.Value}")));
            var config = new CampaignConfig { Gateway = o.Gateway, Simulator = o.Simulator, Issuer = o.Issuer };
            var one = await SustainCaseAsync(o, devices, $"{name}/{devices}", CampaignFactory.Target(config, gateways.Clients, simulator), live => new CostSampler(live, pids, metrics, scraper), ct);
            cases.Add(one with { Pids = pids });
            var table = SustainCase.Markdown(one);
            Console.WriteLine(table);
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {devices} devices: `{one.Plan}`").AppendLine()
                .AppendLine("Processes: " + string.Join(", ", pids.Select(p => $"{p.Key} (PID {p.Value})")) + ".").AppendLine().Append(table);
            foreach (var note in one.Notes)
            {
                md.AppendLine("- " + note);
            }

            if (ct.IsCancellationRequested)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(5), ct);
        }

        File.WriteAllText(Path.Combine(folder, "sustain.md"), md.ToString());
        var json = new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        File.WriteAllText(Path.Combine(folder, "sustain.json"), JsonSerializer.Serialize(cases, json));
        Say($"Tables: {Path.GetFullPath(folder)}/sustain.md (and sustain.json; each case's campaign reports in its folder)");
        return cases.Any(c => c.Aborted is not null) ? 2 : 0;
    }

    private static async Task<SustainCase> SustainCaseAsync(SustainOptions o, string devices, string runName, GatewayTarget target, Func<ICampaignObserver, CostSampler> sampling, CancellationToken ct)
    {
        IReadOnlyList<LoadSimulation> plan = o.Rate is { } rate ? [LoadSimulation.Inject(rate, o.Duration)] : [LoadSimulation.KeepConstant(o.Terminals, o.Duration)];
        // Closed model: no count is planned; size the pools for a rate well above this machine's knee (BENCHMARKS.md).
        var closedRate = o.Rate is null ? MaxClosedCardsPerSecond : (double?)null;
        target = target with
        {
            Members = o.Members ?? (closedRate is { } c ? (int)(o.Duration.TotalSeconds * c) + 100 : MemberPool.Size(plan, null, null)),
        };
        target = devices == "new"
            // No device ever rests: each card registers a device of its own, inside the iteration (step register-device).
            ? target with { Terminals = 0, DeviceReuseGap = TimeSpan.FromDays(1) }
            : target with { Terminals = o.Pool ?? Math.Max(TerminalPool.Size(plan, null, target), (int)Math.Ceiling((closedRate ?? 0) * target.DeviceReuseGap.TotalSeconds * 1.2)) };
        var settings = new CampaignSettings { RunName = runName, WindowEnds = o.WindowEnds(), DrainTimeout = TimeSpan.FromSeconds(30) };
        CostSampler? sampler = null;
        var report = await ExecuteAsync(settings, [new ScenarioRun(new ProvisionScenario(target, "provision-" + devices), plan)], o.NoLive, ct, live => sampler = sampling(live));
        var samples = await sampler!.SamplesAsync();
        var scenario = report.Scenarios[0];
        var columns = scenario.Windows.Take(samples.Count - 1).Select((w, i) => new SustainColumn(
            Label(o, w, i, scenario.Windows.Count), w.FromSeconds, w.ToSeconds, CostMeasures.Of(w, samples[i], samples[i + 1], o.AzuritePort))).ToList();
        var notes = report.Notes.Concat(samples.SelectMany(s => s.Errors).Distinct()).ToList();
        if (columns.Any(c => c.Measures.Keys.Any(k => k.Contains("register-device:429", StringComparison.Ordinal))))
        {
            notes.Add($"Device registrations were refused (429): start the gateway with {RegistrationLimit}=1000000 (--stack does).");
        }

        return new SustainCase(devices, scenario.Plan, target.Terminals ?? 0, target.Members ?? 0, report.Aborted, columns, notes, new Dictionary<string, int>());
    }

    private static string Label(SustainOptions o, ScenarioWindow w, int index, int count) =>
        o.Window is null && count == 2
            ? (index == 0 ? "first minute" : "steady") + FormattableString.Invariant($" ({w.FromSeconds:0}–{w.ToSeconds:0} s)")
            : FormattableString.Invariant($"{w.FromSeconds:0}–{w.ToSeconds:0} s");

    /// <summary>The processes to measure: found by the port each listens on, unless named with <c>--pid</c>; the runner itself.</summary>
    private static Dictionary<string, int> FindProcesses(SustainOptions o)
    {
        var frontends = Gateways.Parse(o.Gateway);
        var ports = frontends.Select((u, i) => (i == 0 ? "gateway" : $"gateway:{u.Port}", u.Port)).ToList();
        ports.AddRange(o.SiloOpsPorts.Select(p => ($"silo:{p}", p)));
        ports.Add(("azurite", o.AzuritePort));
        ports.Add(("issuer-simulator", new Uri(o.Simulator).Port));
        var pids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, port) in ports)
        {
            if (o.Pids.TryGetValue(name, out var pid) || ProcessCpu.ListeningOn(port) is { } found && (pid = found) > 0)
            {
                pids[name] = pid;
            }
            else
            {
                Say($"No process found listening on port {port} ({name}); its CPU is not measured (--pid {name}=PID).");
            }
        }

        foreach (var (name, pid) in o.Pids.Where(p => !pids.ContainsKey(p.Key)))
        {
            pids[name] = pid;
        }

        pids["runner"] = Environment.ProcessId;
        return pids;
    }
}
