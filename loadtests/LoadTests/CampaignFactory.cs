using System.Net;
using WalletGateway.LoadTests.Scenarios;

namespace WalletGateway.LoadTests;

/// <summary>Turns a <see cref="CampaignConfig"/> into the scenarios to run, the same way for the command line and the tests.</summary>
public static class CampaignFactory
{
    public static readonly string[] Scenarios = ["provision", "retry-storm", "abusive-device", "tamper", "slow-issuer", "phone-change"];

    public static GatewayTarget Target(CampaignConfig config, HttpClient gateway, HttpClient simulator) => Target(config, [gateway], simulator);

    /// <param name="config">The campaign's options.</param>
    /// <param name="gateways">The frontends (<see cref="Gateways.Clients"/>); the terminals spread over them.</param>
    /// <param name="simulator">The issuer simulator.</param>
    public static GatewayTarget Target(CampaignConfig config, IReadOnlyList<HttpClient> gateways, HttpClient simulator) => new(gateways[0], simulator)
    {
        Frontends = gateways,
        IssuerId = config.Issuer,
        ApiKey = config.ApiKey,
        Terminals = config.Terminals,
        Members = config.Members,
        DeviceReuseGap = Durations.Parse(config.DeviceReuseGap),
        IssuerLatency = Durations.Parse(config.IssuerLatency),
        AbuseFactor = config.AbuseFactor,
        HoldFinalRelay = Durations.Parse(config.HoldFinalRelay),
        Chips = config.SaveChips is { Length: > 0 } dir ? new ChipArchive(dir) : null,
    };

    public static IReadOnlyList<ScenarioRun> Runs(CampaignConfig config, GatewayTarget target)
    {
        var plan = LoadSimulation.ParsePlan(config.Load);
        return config.Scenario switch
        {
            "provision" => [new ScenarioRun(new ProvisionScenario(target), plan, config.Iterations)],
            "retry-storm" => [new ScenarioRun(new RetryStormScenario(target), plan, config.Iterations)],
            "tamper" => [new ScenarioRun(new TamperScenario(target), plan, config.Iterations)],
            "slow-issuer" => [new ScenarioRun(new SlowIssuerScenario(target), plan, config.Iterations)],
            "phone-change" => [new ScenarioRun(new PhoneChangeScenario(target), plan, config.Iterations)],
            "abusive-device" => AbusiveDevice(plan, target, config.Iterations),
            _ => throw new ArgumentException($"Unknown scenario '{config.Scenario}'.", nameof(config)),
        };
    }

    /// <summary>
    /// The honest terminals run the whole plan; the abuser is quiet for the first half and, for the second half,
    /// starts <see cref="GatewayTarget.AbuseFactor"/> times the honest peak rate from one device.
    /// </summary>
    public static IReadOnlyList<ScenarioRun> AbusiveDevice(IReadOnlyList<LoadSimulation> plan, GatewayTarget target, long? iterations)
    {
        var total = LoadSimulation.TotalDuration(plan);
        var half = TimeSpan.FromTicks(total.Ticks / 2);
        var honestRate = Math.Max(1, LoadSimulation.PeakRate(plan));
        IReadOnlyList<LoadSimulation> abuserPlan = [LoadSimulation.Pause(half), LoadSimulation.Inject(honestRate * target.AbuseFactor, total - half)];
        return
        [
            new ScenarioRun(new HonestUnderAbuseScenario(target, half, total), plan, iterations),
            new ScenarioRun(new AbusiveDeviceScenario(target), abuserPlan),
        ];
    }

    /// <summary>An HTTP client for load: unbounded connections per server, HTTP/1.1, the given per-request timeout.</summary>
    public static HttpClient Http(Uri baseAddress, TimeSpan timeout) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    })
    {
        BaseAddress = baseAddress,
        Timeout = timeout,
        DefaultRequestVersion = HttpVersion.Version11,
    };
}
