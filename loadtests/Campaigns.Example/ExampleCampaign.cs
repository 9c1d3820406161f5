using WalletGateway.LoadTests;
using WalletGateway.LoadTests.Dsl;

namespace WalletGateway.Campaigns.Example;

/// <summary>Runs <see cref="ProvisionCampaign"/> at <c>--rate</c> for <c>--duration</c> over the <c>--gateway</c> list and prints the report.</summary>
internal static class ExampleCampaign
{
    public static async Task<int> RunAsync(ExampleOptions options, CancellationToken ct)
    {
        using var gateways = new Gateways(options.Gateway, TimeSpan.FromSeconds(30));
        using var simulator = CampaignFactory.Http(new Uri(options.Simulator), TimeSpan.FromSeconds(30));
        var target = gateways.Target(simulator) with { IssuerId = options.Issuer };

        var scenario = ProvisionCampaign.Build(target)
            .WithLoadSimulations(Simulation.Inject(rate: options.Rate, interval: TimeSpan.FromSeconds(1), during: options.Duration));
        var report = await CampaignRunner.RegisterScenarios(scenario)
            .WithThresholds([.. options.Thresholds])
            .WithReportFolder(options.Reports)
            .WithRunName($"example-provision-{DateTime.UtcNow:yyyyMMdd-HHmmss}")
            .WithObserver(new ConsoleObserver(forcePlain: options.NoLive))
            .RunAsync(ct);

        Console.WriteLine(MarkdownReport.Render(report));
        return report.ExitCode;
    }
}
