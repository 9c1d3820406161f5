using System.Diagnostics;
using System.Globalization;
using WalletGateway.LoadTests;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The load smoke of what a card costs, counted (never timed) on a gateway of its own: a child process, so its metrics
/// hold only its own work (the other fixtures' gateways share this test process). After a warm-up, a few dozen cards,
/// each on a new device, four terminals at a time; then Table requests, exceptions and log lines per card from the
/// child's Prometheus endpoint. A regression in any of them fails CI.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CostPerCardSmokeTests(GatewayFixture fixture)
{
    private const int Cards = 32;

    [Fact]
    public async Task NewDevicePerCard_ChildGateway_FewTableRequestsNoExceptionNoLogLinePerCard()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await ChildGateway.StartAsync(fixture, ct);
        using var http = new HttpClient { BaseAddress = gateway.Uri, Timeout = TimeSpan.FromSeconds(60) };
        var client = new GatewayClient(http);
        await ProvisionAsync(client, 4, ct);
        await QuietAsync(gateway, ct);

        var before = await gateway.MetricsAsync(ct);
        await ProvisionAsync(client, Cards, ct);
        await QuietAsync(gateway, ct);
        var after = await gateway.MetricsAsync(ct);

        double PerCard(string metric) => (Sum(after, metric) - Sum(before, metric)) / Cards;
        var requests = PerCard("walletgateway_storage_requests_total");
        var byTable = string.Join(", ", after.SumBy("walletgateway_storage_requests_total", null, "table", "op")
            .Select(kv => $"{kv.Key} {(kv.Value - before.SumBy("walletgateway_storage_requests_total", null, "table", "op").GetValueOrDefault(kv.Key)) / Cards:0.##}"));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"per card: {requests:0.##} Table requests ({byTable}); {PerCard("dotnet_exceptions_total"):0.##} exceptions; {PerCard("walletgateway_log_lines_total"):0.##} log lines");
        // A card on a new device: the device's registration (one insert, no read), the card's read, its two writes (each
        // one batch with its audit record and marker); the chip index rows, device index rows and marker removals are
        // shared by many cards. The device index row (for the operator's list of a device's cards) is a batch of its own
        // per device bucket: measured 4.63 and 4.66 without it, 4.5 and 4.91 with it (the spread of a loaded machine), so 5 became too tight.
        // Since the remote wipe every session open also reads its chip's index rows (one query a card, BENCHMARKS.md): measured
        // 5.09 and 5.53 with it, so the bound is the old 5.5 plus that query.
        Assert.True(requests <= 6.5, $"{requests:0.##} Table requests per card ({byTable})");
        Assert.True(PerCard("dotnet_exceptions_total") <= 0.1, $"{PerCard("dotnet_exceptions_total"):0.##} exceptions per card");
        Assert.True(PerCard("walletgateway_log_lines_total") <= 2, $"{PerCard("walletgateway_log_lines_total"):0.##} log lines per card");
    }

    private async Task ProvisionAsync(GatewayClient client, int cards, CancellationToken ct)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= cards)
            {
                var (memberId, code) = await fixture.CreateMemberAsync();
                var token = (await client.RegisterDeviceAsync("phone", "1", ct)).DeviceToken;
                var result = await new ProvisioningRunner(client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code, ct: ct);
                Assert.Equal("active", result.Status);
            }
        }));
    }

    /// <summary>Waits until the work after the answers (notices, chip index rows, marker removals) is done: requests stop.</summary>
    private static async Task QuietAsync(ChildGateway gateway, CancellationToken ct)
    {
        var last = -1.0;
        for (var i = 0; i < 30; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
            var now = Sum(await gateway.MetricsAsync(ct), "walletgateway_storage_requests_total");
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }

    private static double Sum(PrometheusText metrics, string name) => metrics.SumBy(name, null).Values.Sum();

    /// <summary>The built Frontend executable, in Development, on the test Azurite, tables and ports of its own.</summary>
    private sealed class ChildGateway : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _ops;

        private ChildGateway(Process process, Uri uri, Uri ops)
        {
            _process = process;
            Uri = uri;
            _ops = new HttpClient { BaseAddress = ops };
        }

        public Uri Uri { get; }

        public static async Task<ChildGateway> StartAsync(GatewayFixture fixture, CancellationToken ct)
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var (port, ops) = (GatewayFixture.FreePort(), GatewayFixture.FreePort());
            var settings = new Dictionary<string, string?>(fixture.LastSettings)
            {
                ["Urls"] = $"http://127.0.0.1:{port}",
                ["Operations:Port"] = ops.ToString(CultureInfo.InvariantCulture),
                ["Orleans:ClusterId"] = "smoke-" + suffix,
                ["Orleans:SiloPort"] = GatewayFixture.FreePort().ToString(CultureInfo.InvariantCulture),
                ["Orleans:GatewayPort"] = GatewayFixture.FreePort().ToString(CultureInfo.InvariantCulture),
                ["Orleans:GrainStateTable"] = "SmokeState" + suffix,
                ["Orleans:MembershipTable"] = "SmokeCluster" + suffix,
                ["Orleans:ReminderTable"] = "SmokeReminders" + suffix,
                ["WalletGateway:Audit:ChipIndexTableName"] = "SmokeChips" + suffix,
                ["WalletGateway:Edge:TrustedNetworks:0"] = "127.0.0.0/8",
            };
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(FrontendDll());
            start.ArgumentList.Add("--environment");
            start.ArgumentList.Add("Development");
            foreach (var (key, value) in settings.Where(s => s.Value is not null))
            {
                start.ArgumentList.Add($"--{key}={value}");
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var gateway = new ChildGateway(process, new Uri($"http://127.0.0.1:{port}/"), new Uri($"http://127.0.0.1:{ops}/"));
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            for (var waited = Stopwatch.StartNew(); ; await Task.Delay(500, ct))
            {
                Assert.False(process.HasExited, "The child gateway exited while starting.");
                try
                {
                    if ((await probe.GetAsync(new Uri(gateway.Uri, "readyz"), ct)).IsSuccessStatusCode)
                    {
                        return gateway;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3), "The child gateway was not ready within 3 minutes.");
            }
        }

        public Task<PrometheusText> MetricsAsync(CancellationToken ct) => PrometheusText.ScrapeAsync(_ops, new Uri("metrics", UriKind.Relative), ct);

        public async ValueTask DisposeAsync()
        {
            _ops.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        /// <summary>The Frontend build of the same configuration as this test assembly, found from the repository root.</summary>
        private static string FrontendDll()
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WalletGateway.slnx")))
            {
                dir = dir.Parent;
            }

            Assert.NotNull(dir);
            var dll = Path.Combine(dir.FullName, "src", "Frontend", "bin", configuration, "net10.0", "WalletGateway.Frontend.dll");
            Assert.True(File.Exists(dll), $"{dll} is not built");
            return dll;
        }
    }
}
