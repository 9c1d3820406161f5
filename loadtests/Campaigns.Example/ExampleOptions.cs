using System.Globalization;
using WalletGateway.LoadTests;

namespace WalletGateway.Campaigns.Example;

/// <summary>The example's command line: <c>--gateway URL[,URL]</c> (repeatable), <c>--duration 30s</c>, <c>--rate 5</c> (cards started a second)…</summary>
internal sealed record ExampleOptions
{
    public string Gateway { get; init; } = "http://127.0.0.1:5080/";

    public string Simulator { get; init; } = "http://127.0.0.1:5090/";

    public string Issuer { get; init; } = "demo-card";

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public int Rate { get; init; } = 5;

    /// <summary>Default: no failed card. <c>--threshold</c> replaces the defaults with the rules given.</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = ["fail-rate < 1%", "dropped == 0"];

    public string Reports { get; init; } = Path.Combine("loadtests", "reports");

    public bool NoLive { get; init; }

    public const string Usage = """
        Campaigns.Example — a provisioning campaign written in C# (loadtests/Campaigns.Example/ProvisionCampaign.cs)

          --gateway URL        repeatable or a comma list; the virtual terminals spread round-robin over the frontends
          --simulator URL      issuer simulator (http://127.0.0.1:5090/)   --issuer ID (demo-card)
          --rate N             cards started a second (5)                   --duration DUR (30s)
          --threshold RULE     repeatable, replaces the defaults 'fail-rate < 1%' and 'dropped == 0'
          --reports DIR        report folder root (loadtests/reports)       --no-live   plain progress lines

        Exit code: 0 all thresholds held; 1 a threshold failed; 2 aborted; 3 nothing to run against; 64 usage.
        """;

    public static ExampleOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ExampleOptions();
        var gatewayGiven = false;
        List<string>? thresholds = null;
        for (var i = 0; i < args.Count; i++)
        {
            string V() => ++i < args.Count ? args[i] : throw new FormatException($"Option '{args[i - 1]}' needs a value.");
            o = args[i] switch
            {
                "--gateway" => o with { Gateway = Gateways.Add(o.Gateway, V(), ref gatewayGiven) },
                "--simulator" => o with { Simulator = V() },
                "--issuer" => o with { Issuer = V() },
                "--duration" => o with { Duration = Durations.Parse(V()) },
                "--rate" => o with { Rate = int.TryParse(V().Replace("/s", "", StringComparison.Ordinal), CultureInfo.InvariantCulture, out var r) && r > 0 ? r : throw new FormatException("--rate is a whole number of cards a second, above 0.") },
                "--threshold" => o with { Thresholds = thresholds = [.. thresholds ?? [], Threshold.Parse(V()).Text] },
                "--reports" => o with { Reports = V() },
                "--no-live" => o with { NoLive = true },
                _ => throw new FormatException($"Unknown option '{args[i]}'. Try --help."),
            };
        }

        _ = Gateways.Parse(o.Gateway);
        return o.Duration > TimeSpan.Zero ? o : throw new FormatException("--duration must be above 0.");
    }
}
