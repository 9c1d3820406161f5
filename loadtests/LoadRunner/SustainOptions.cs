using System.Globalization;

namespace WalletGateway.LoadTests.Runner;

/// <summary>Options of <c>loadrunner sustain</c>: a long provisioning campaign, with the cost of each card per window.</summary>
internal sealed record SustainOptions
{
    public IReadOnlyList<string> Devices { get; init; } = ["new", "reused"];

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(5);

    public int Terminals { get; init; } = 48;

    public double? Rate { get; init; }

    /// <summary>Null: the first minute, then the rest (steady); else a window of this length after another.</summary>
    public TimeSpan? Window { get; init; }

    public int? Pool { get; init; }

    public int? Members { get; init; }

    public int OpsPort { get; init; } = 9090;

    public IReadOnlyList<int> SiloOpsPorts { get; init; } = [];

    public int AzuritePort { get; init; } = 10002;

    public IReadOnlyDictionary<string, int> Pids { get; init; } = new Dictionary<string, int>();

    public bool Stack { get; init; }

    public string? Name { get; init; }

    /// <summary>The frontends, a comma list (<see cref="Gateways"/>).</summary>
    public string Gateway { get; init; } = "http://127.0.0.1:5080/";

    public string Simulator { get; init; } = "http://127.0.0.1:5090/";

    public string Issuer { get; init; } = "demo-card";

    public string Root { get; init; } = ".";

    public bool NoLive { get; init; }

    /// <summary>Where each window ends after the load started (the last one runs to the end).</summary>
    public IReadOnlyList<TimeSpan> WindowEnds()
    {
        var length = Window ?? TimeSpan.FromMinutes(1);
        var ends = new List<TimeSpan>();
        for (var end = length; end < Duration && (Window is not null || ends.Count == 0); end += length)
        {
            ends.Add(end);
        }

        return ends;
    }

    public static SustainOptions Parse(IReadOnlyList<string> args)
    {
        var o = new SustainOptions();
        var gatewayGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            string V() => ++i < args.Count ? args[i] : throw new FormatException($"Option '{args[i - 1]}' needs a value.");
            int N() => int.Parse(V(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--devices" => o with { Devices = V() switch { "both" => ["new", "reused"], "new" => ["new"], "reused" => ["reused"], var d => throw new FormatException($"--devices is new, reused or both, not '{d}'.") } },
                "--duration" => o with { Duration = Durations.Parse(V()) },
                "--terminals" => o with { Terminals = N() },
                "--rate" => o with { Rate = double.Parse(V().Replace("/s", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) },
                "--window" => o with { Window = Durations.Parse(V()) },
                "--pool" => o with { Pool = N() },
                "--members" => o with { Members = N() },
                "--ops-port" => o with { OpsPort = N() },
                "--silo-ops-ports" => o with { SiloOpsPorts = [.. V().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture))] },
                "--azurite-port" => o with { AzuritePort = N() },
                "--pid" => o with { Pids = Pid(o.Pids, V()) },
                "--stack" => o with { Stack = true },
                "--name" => o with { Name = V() },
                "--gateway" => o with { Gateway = Gateways.Add(o.Gateway, V(), ref gatewayGiven) },
                "--simulator" => o with { Simulator = V() },
                "--issuer" => o with { Issuer = V() },
                "--root" => o with { Root = V() },
                "--no-live" => o with { NoLive = true },
                _ => throw new FormatException($"Unknown option '{args[i]}'. Try: loadrunner help"),
            };
        }

        _ = Gateways.Parse(o.Gateway);
        if (o.Terminals < 1 || o.Rate <= 0 || o.Duration <= TimeSpan.Zero || o.Window <= TimeSpan.Zero)
        {
            throw new FormatException("--terminals, --rate, --duration and --window must be above 0.");
        }

        return o;
    }

    private static Dictionary<string, int> Pid(IReadOnlyDictionary<string, int> pids, string text)
    {
        var parts = text.Split('=', 2);
        return parts.Length == 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid)
            ? new Dictionary<string, int>(pids) { [parts[0]] = pid }
            : throw new FormatException($"--pid is NAME=PID (e.g. gateway=1234), not '{text}'.");
    }
}
