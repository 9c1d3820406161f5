using Azure.Data.Tables;
using WalletGateway.LoadTests.Scenarios;

namespace WalletGateway.LoadTests.Runner;

internal static partial class Commands
{
    private const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static async Task<int> BareAsync(BenchOptions options, CancellationToken ct) =>
        (await BareCeilingAsync(options, options.Name ?? $"bare-{Stamp()}", ct)).ExitCode;

    public static async Task<int> AzuriteAsync(BenchOptions options, CancellationToken ct)
    {
        var (single, batch) = await AzuriteCeilingAsync(options, options.Name ?? $"azurite-{Stamp()}", ct);
        return Math.Max(single.ExitCode, batch.ExitCode);
    }

    /// <summary>Starts <c>loadrunner serve-bare</c> as a child process and drives POST /bare with this runner.</summary>
    public static async Task<CampaignReport> BareCeilingAsync(BenchOptions options, string name, CancellationToken ct)
    {
        var folder = Path.Combine("loadtests", "reports", name);
        var self = typeof(Commands).Assembly.Location;
        await using var server = ChildProcess.Start("dotnet", [self, "serve-bare", "--port", options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Environment.CurrentDirectory, Path.Combine(folder, "serve-bare.log"));
        Say($"Started serve-bare (PID {server.Pid}) on 127.0.0.1:{options.Port}");
        await server.WaitForUrlAsync(new Uri($"http://127.0.0.1:{options.Port}/readyz"), TimeSpan.FromSeconds(60), ct);
        using var http = CampaignFactory.Http(new Uri($"http://127.0.0.1:{options.Port}/"), TimeSpan.FromSeconds(30));
        var plan = LoadSimulation.ParsePlan(options.Load ?? "keep-constant:64:10s");
        return await ExecuteAsync(new CampaignSettings { RunName = name }, [new ScenarioRun(new BarePostScenario(http), plan)], options.NoLive, ct);
    }

    /// <summary>Starts its own Azurite on spare ports (in a temporary folder), then single upserts and batch transactions.</summary>
    public static async Task<(CampaignReport Single, CampaignReport Batch)> AzuriteCeilingAsync(BenchOptions options, string name, CancellationToken ct)
    {
        var folder = Path.Combine("loadtests", "reports", name);
        var azurite = Path.GetFullPath(Path.Combine(options.Root, "node_modules", ".bin", "azurite"));
        if (!File.Exists(azurite))
        {
            throw new FileNotFoundException($"No Azurite at {azurite}: run ./run.sh or npm ci once (or pass --root).", azurite);
        }

        var data = Directory.CreateTempSubdirectory("loadrunner-azurite-");
        var (blob, queue, table) = (options.AzuritePort, options.AzuritePort + 1, options.AzuritePort + 2);
        try
        {
            await using (var process = ChildProcess.Start(azurite,
                ["--silent", "--skipApiVersionCheck", "--location", data.FullName, "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                 "--queueHost", "127.0.0.1", "--queuePort", $"{queue}", "--tableHost", "127.0.0.1", "--tablePort", $"{table}"],
                Environment.CurrentDirectory, Path.Combine(folder, "azurite.log")))
            {
                // Azurite waits for the benchmark's keep-alive connections before it exits; its data is a throw-away
                // temporary folder, so a short grace period before SIGKILL is enough.
                process.StopSignal = ChildProcess.SigInt;
                process.StopGrace = TimeSpan.FromSeconds(5);
                Say($"Started Azurite (PID {process.Pid}) on 127.0.0.1:{blob}-{table}, data in {data.FullName}");
                await process.WaitForPortAsync(table, TimeSpan.FromSeconds(60), ct);
                var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
                var plan = LoadSimulation.ParsePlan(options.Load ?? "keep-constant:64:10s");
                var service = new TableServiceClient(connection);
                var single = await ExecuteAsync(new CampaignSettings { RunName = name + "-single" },
                    [new ScenarioRun(new AzuriteScenario(service.GetTableClient("LoadSingle"), 1), plan)], options.NoLive, ct);
                var batch = await ExecuteAsync(new CampaignSettings { RunName = name + "-batch" },
                    [new ScenarioRun(new AzuriteScenario(service.GetTableClient("LoadBatch"), options.Batch), plan)], options.NoLive, ct);
                return (single, batch);
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static string Stamp() => DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
}
