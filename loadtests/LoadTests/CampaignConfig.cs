using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WalletGateway.LoadTests;

/// <summary>
/// A campaign as the command line and the JSON file describe it (same names: <c>--max-in-flight</c> is
/// <c>"maxInFlight"</c>). The JSON file is read first; command-line options override it.
/// </summary>
public sealed class CampaignConfig
{
    public string Scenario { get; set; } = "provision";

    /// <summary>Load plan, e.g. <c>inject:20/s:30s</c> or <c>ramping-inject:50/s:20s,inject:50/s:30s</c>.</summary>
    public string Load { get; set; } = "inject:10/s:10s";

    public long? Iterations { get; set; }

    public string? RunName { get; set; }

    public string ReportRoot { get; set; } = Path.Combine("loadtests", "reports");

    /// <summary>The frontends, a comma list: terminals spread over them round-robin (<see cref="Gateways"/>).</summary>
    public string Gateway { get; set; } = "http://127.0.0.1:5080/";

    public string Simulator { get; set; } = "http://127.0.0.1:5090/";

    public string Issuer { get; set; } = "demo-card";

    /// <summary>The operator key, for the durable records the phone-change scenario's invariant check reads.</summary>
    public string ApiKey { get; set; } = "dev-admin-key";

    public List<string> Thresholds { get; set; } = [];

    public bool AbortOnBreach { get; set; }

    public int MaxInFlight { get; set; } = 2000;

    public string LateAfter { get; set; } = "100ms";

    public string DrainTimeout { get; set; } = "30s";

    /// <summary>Per-request timeout of the HTTP client.</summary>
    public string Timeout { get; set; } = "30s";

    public int? Terminals { get; set; }

    public int? Members { get; set; }

    public string DeviceReuseGap { get; set; } = "3.3s";

    public string IssuerLatency { get; set; } = "500ms";

    public double AbuseFactor { get; set; } = 10;

    /// <summary>
    /// provision: after the chip took the last STORE DATA block, the terminal waits this long before its final relay
    /// (the one answered <c>done</c>), so that sessions sit with their card data out (<c>0s</c>: no wait).
    /// </summary>
    public string HoldFinalRelay { get; set; } = "0s";

    /// <summary>Folder to write the virtual terminals' chips and the reported cards to (for <c>loadrunner invariants</c>).</summary>
    public string? SaveChips { get; set; }

    /// <summary>Start <c>./run.sh</c> for the campaign and stop it afterwards.</summary>
    public bool Stack { get; set; }

    /// <summary>Repository root for <see cref="Stack"/> (where run.sh is).</summary>
    public string Root { get; set; } = ".";

    public bool NoLive { get; set; }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static CampaignConfig FromJson(string path) =>
        JsonSerializer.Deserialize<CampaignConfig>(File.ReadAllText(path), JsonOptions)
        ?? throw new FormatException($"{path} holds no campaign configuration.");

    /// <summary>Reads <c>--config FILE</c> first (if given), then applies every other option over it.</summary>
    public static CampaignConfig Parse(IReadOnlyList<string> args)
    {
        var config = new CampaignConfig();
        var gatewayGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--config")
            {
                config = FromJson(Value(args, ref i));
            }
        }

        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            switch (option)
            {
                case "--config": i++; break;
                case "--scenario" or "-s": config.Scenario = Value(args, ref i); break;
                case "--load" or "-l": config.Load = Value(args, ref i); break;
                case "--iterations" or "-n": config.Iterations = long.Parse(Value(args, ref i), CultureInfo.InvariantCulture); break;
                case "--name": config.RunName = Value(args, ref i); break;
                case "--reports": config.ReportRoot = Value(args, ref i); break;
                case "--gateway": config.Gateway = Gateways.Add(config.Gateway, Value(args, ref i), ref gatewayGiven); break;
                case "--simulator": config.Simulator = Value(args, ref i); break;
                case "--issuer": config.Issuer = Value(args, ref i); break;
                case "--api-key": config.ApiKey = Value(args, ref i); break;
                case "--save-chips": config.SaveChips = Value(args, ref i); break;
                case "--threshold" or "-t": config.Thresholds.Add(Value(args, ref i)); break;
                case "--abort-on-breach": config.AbortOnBreach = true; break;
                case "--max-in-flight": config.MaxInFlight = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture); break;
                case "--late-after": config.LateAfter = Value(args, ref i); break;
                case "--drain-timeout": config.DrainTimeout = Value(args, ref i); break;
                case "--timeout": config.Timeout = Value(args, ref i); break;
                case "--terminals": config.Terminals = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture); break;
                case "--members": config.Members = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture); break;
                case "--device-reuse-gap": config.DeviceReuseGap = Value(args, ref i); break;
                case "--issuer-latency": config.IssuerLatency = Value(args, ref i); break;
                case "--abuse-factor": config.AbuseFactor = double.Parse(Value(args, ref i), CultureInfo.InvariantCulture); break;
                case "--hold-final-relay": config.HoldFinalRelay = Value(args, ref i); break;
                case "--stack": config.Stack = true; break;
                case "--root": config.Root = Value(args, ref i); break;
                case "--no-live": config.NoLive = true; break;
                default: throw new FormatException($"Unknown option '{option}'. Try --help.");
            }
        }

        config.Validate();
        return config;
    }

    public void Validate()
    {
        _ = LoadSimulation.ParsePlan(Load);
        _ = Gateways.Parse(Gateway);
        _ = Durations.Parse(LateAfter);
        _ = Durations.Parse(DrainTimeout);
        _ = Durations.Parse(Timeout);
        _ = Durations.Parse(DeviceReuseGap);
        _ = Durations.Parse(IssuerLatency);
        _ = Durations.Parse(HoldFinalRelay);
        _ = Thresholds.Select(Threshold.Parse).ToArray();
        if (!CampaignFactory.Scenarios.Contains(Scenario))
        {
            throw new FormatException($"Unknown scenario '{Scenario}' ({string.Join(", ", CampaignFactory.Scenarios)}).");
        }

        if (MaxInFlight < 1 || Iterations is < 1 || AbuseFactor <= 0)
        {
            throw new FormatException("--max-in-flight and --iterations must be at least 1, --abuse-factor above 0.");
        }
    }

    public CampaignSettings ToSettings() => new()
    {
        RunName = RunName ?? $"{Scenario}-{DateTime.UtcNow:yyyyMMdd-HHmmss}",
        ReportRoot = ReportRoot,
        MaxInFlight = MaxInFlight,
        LateAfter = Durations.Parse(LateAfter),
        DrainTimeout = Durations.Parse(DrainTimeout),
        Thresholds = [.. Thresholds.Select(Threshold.Parse)],
        AbortOnBreach = AbortOnBreach,
    };

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new FormatException($"Option '{args[i - 1]}' needs a value.");
}
