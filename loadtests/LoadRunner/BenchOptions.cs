using System.Globalization;

namespace WalletGateway.LoadTests.Runner;

/// <summary>Options of the measuring commands (bare, azurite, knee, bench).</summary>
internal sealed record BenchOptions
{
    public int Port { get; init; } = 5099;

    public int AzuritePort { get; init; } = 10200;

    public string? Load { get; init; }

    public int Batch { get; init; } = 100;

    public bool Stack { get; init; }

    public int Repeat { get; init; } = 1;

    public double Start { get; init; } = 10;

    public double Factor { get; init; } = 1.5;

    public TimeSpan Stage { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxP99 { get; init; } = TimeSpan.FromSeconds(1);

    public double MaxFail { get; init; } = 0.01;

    public double MaxRate { get; init; } = 2000;

    public TimeSpan HalfDuration { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan AbuseDuration { get; init; } = TimeSpan.FromSeconds(40);

    public string? Name { get; init; }

    public string Gateway { get; init; } = "http://127.0.0.1:5080/";

    public string Simulator { get; init; } = "http://127.0.0.1:5090/";

    public string Root { get; init; } = ".";

    public bool NoLive { get; init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string V() => ++i < args.Count ? args[i] : throw new FormatException($"Option '{args[i - 1]}' needs a value.");
            double D() => double.Parse(V().TrimEnd('%'), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--port" => o with { Port = (int)D() },
                "--azurite-port" => o with { AzuritePort = (int)D() },
                "--load" or "-l" => o with { Load = V() },
                "--batch" => o with { Batch = (int)D() },
                "--stack" => o with { Stack = true },
                "--repeat" => o with { Repeat = Math.Max(1, (int)D()) },
                "--start" => o with { Start = D() },
                "--factor" => o with { Factor = D() },
                "--stage" => o with { Stage = Durations.Parse(V()) },
                "--max-p99" => o with { MaxP99 = Durations.Parse(V()) },
                "--max-fail" => o with { MaxFail = D() / 100 },
                "--max-rate" => o with { MaxRate = D() },
                "--half-duration" => o with { HalfDuration = Durations.Parse(V()) },
                "--abuse-duration" => o with { AbuseDuration = Durations.Parse(V()) },
                "--name" => o with { Name = V() },
                "--gateway" => o with { Gateway = V() },
                "--simulator" => o with { Simulator = V() },
                "--root" => o with { Root = V() },
                "--no-live" => o with { NoLive = true },
                _ => throw new FormatException($"Unknown option '{args[i]}'. Try: loadrunner help"),
            };
        }

        if (o.Factor <= 1 || o.Start <= 0)
        {
            throw new FormatException("--factor must be above 1 and --start above 0.");
        }

        return o;
    }
}
