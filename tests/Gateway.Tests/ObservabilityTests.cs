using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains.Sessions;
using WalletGateway.LoadTests;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>What an operator scrapes: Prometheus metrics of sessions, steps, issuers and storage; the dashboard; health.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ObservabilityTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Metrics_AfterProvisioning_ShowSessionsStepsIssuerCallsAndWrites()
    {
        var ct = TestContext.Current.CancellationToken;
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code, ct: ct);

        // The exporter caches a scrape for a moment: read until the completed session shows.
        using var operations = new HttpClient { BaseAddress = fixture.OperationsAddress };
        var text = "";
        await Eventually.TrueAsync(async () =>
        {
            text = await operations.GetStringAsync("metrics", ct);
            return text.Contains("walletgateway_sessions_completed_total", StringComparison.Ordinal);
        });

        foreach (var metric in new[]
        {
            "walletgateway_sessions_opened_total", "walletgateway_session_step_duration_seconds_bucket",
            "walletgateway_issuer_call_duration_seconds_bucket", "walletgateway_storage_writes_total", "orleans_catalog_activations",
        })
        {
            Assert.Contains(metric, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterAnotherGatewayInTheProcessStops_StillCountThisGatewaysSessions()
    {
        var ct = TestContext.Current.CancellationToken;
        const string Completed = "walletgateway_sessions_completed_total";
        using var operations = new HttpClient { BaseAddress = fixture.OperationsAddress };
        var metrics = new Uri("metrics", UriKind.Relative);
        fixture.GatewayServices.GetRequiredService<SessionMetrics>();

        // Every gateway's provider in this process exports every gateway's same-named instruments (it listens by name),
        // and another test's gateway stopping meanwhile takes its series away: count this gateway's series only.
        var ours = ((HostTaggedMeterFactory)fixture.GatewayServices.GetRequiredService<IMeterFactory>()).Tag;
        bool Ours(IReadOnlyDictionary<string, string> labels) => labels.GetValueOrDefault(HostTaggedMeterFactory.ScrapeLabel) == ours;

        // Another gateway in this process makes the same instruments, then stops, as other tests' gateways do.
        await using (var second = await fixture.StartSecondGatewayAsync())
        {
            second.Services.GetRequiredService<SessionMetrics>();
        }

        // Past the exporter's cached answer, one scrape collects whatever the stop ended; then a card.
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var before = (await PrometheusText.ScrapeAsync(operations, metrics, ct)).SumBy(Completed, Ours).Values.Sum();
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code, ct: ct);

        await Eventually.TrueAsync(async () =>
            (await PrometheusText.ScrapeAsync(operations, metrics, ct)).SumBy(Completed, Ours).Values.Sum() > before);
    }

    [Theory]
    [InlineData("healthz")]
    [InlineData("readyz")]
    public async Task HealthEndpoints_Answer200(string path)
    {
        using var response = await fixture.Gateway.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_OnOperationsPortWithOperatorKey_Answers200()
    {
        using var operations = new HttpClient { BaseAddress = fixture.OperationsAddress };
        operations.DefaultRequestHeaders.Add("X-Api-Key", OperatorFixture.ApiKey);
        using var response = await operations.GetAsync("dashboard/", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
