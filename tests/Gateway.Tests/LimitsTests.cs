using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains;
using WalletGateway.Grains.Issuers;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

[Collection(LimitsCollection.Name)]
public sealed class LimitsTests(LimitsFixture fixture)
{
    [Fact]
    public async Task Edge_FloodFromOneAddress_429WhileOtherAddressProvisions()
    {
        using var flooder = fixture.HttpFrom("10.9.9.9");
        var statuses = new List<int>();
        (int Status, JsonElement Body, HttpResponseMessage Response) limited = default;
        for (var i = 0; i < 120; i++)
        {
            var answer = await SendAsync(flooder, Request(HttpMethod.Get, "v1/issuers", null));
            statuses.Add(answer.Status);
            limited = answer.Status == 429 ? answer : limited;
        }

        Assert.Contains(200, statuses);
        AssertProblem(429, "rate-limited", limited);
        Assert.NotNull(limited.Response!.Headers.RetryAfter);

        var honest = fixture.ClientFrom("10.1.1.1");
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = (await honest.RegisterDeviceAsync("phone", "1")).DeviceToken;
        var result = await new ProvisioningRunner(honest, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code);
        Assert.Equal("active", result.Status);
    }

    [Theory]
    [InlineData(null)]              // the proxy itself (127.0.0.1) is not in 10.0.0.0/8
    [InlineData("192.168.1.5")]
    [InlineData("203.0.113.7")]
    public async Task OpenSession_OutsideTrustedNetworks_403(string? clientAddress)
    {
        var token = (await fixture.ClientFrom("10.2.2.2").RegisterDeviceAsync("phone", "1")).DeviceToken;
        using var http = clientAddress is null ? new HttpClient { BaseAddress = fixture.Gateway.BaseAddress } : fixture.HttpFrom(clientAddress);
        AssertProblem(403, "untrusted-network", await SendAsync(http, Request(HttpMethod.Post, "v1/sessions", token,
            "{\"issuerId\": \"demo-card\", \"chipId\": \"00112233445566778899\"}")));

        var inside = await fixture.ClientFrom("10.2.2.3").OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId);
        Assert.Equal(0, inside.Seq);
    }

    [Fact]
    public async Task IssuerCeiling_SlowIssuerUnderLoad_PeaksWithinCeilingConcurrencyDropsAnd503RetryAfter()
    {
        await ResetStatsAsync();
        await SetLatencyAsync(300);
        try
        {
            var outcomes = await HammerSampleBankAsync(fixture.Gateway.BaseAddress!, 30, "10.3");
            Assert.Contains(outcomes, o => o.Status == 200);
            var refused = outcomes.Where(o => o.Status == 503).ToList();
            Assert.NotEmpty(refused);
            Assert.All(refused, o => Assert.True(o.RetryAfter > TimeSpan.Zero));
            var budget = fixture.GatewayServices.GetRequiredService<IssuerBudgets>().Snapshot()["sample-bank"];
            Assert.True(budget.CurrentLimit < LimitsFixture.SampleBankMaxConcurrent,
                $"the concurrency limit toward a slow issuer should drop below {LimitsFixture.SampleBankMaxConcurrent}, is {budget.CurrentLimit}");
        }
        finally
        {
            await ClearFaultAsync();
        }

        var (peakConcurrent, peakPerSecond) = await PeaksAsync();
        Assert.InRange(peakConcurrent, 1, LimitsFixture.SampleBankMaxConcurrent);
        Assert.InRange(peakPerSecond, 1, LimitsFixture.SampleBankMaxPerSecond);
    }

    [Fact]
    public async Task IssuerCeiling_TwoSilos_PeaksWithinClusterCeiling()
    {
        await using var second = await fixture.StartSecondGatewayAsync();
        try
        {
            await ResetStatsAsync();
            var results = await Task.WhenAll(
                HammerSampleBankAsync(fixture.Gateway.BaseAddress!, 20, "10.4"),
                HammerSampleBankAsync(GatewayFixture.AddressOf(second), 20, "10.5"));
            Assert.Contains(results.SelectMany(r => r), o => o.Status == 200);
            var (peakConcurrent, peakPerSecond) = await PeaksAsync();
            Assert.InRange(peakConcurrent, 1, LimitsFixture.SampleBankMaxConcurrent);
            Assert.InRange(peakPerSecond, 1, LimitsFixture.SampleBankMaxPerSecond);
        }
        finally
        {
            await second.StopAsync();
        }
    }

    /// <summary>
    /// Opens <paramref name="count"/> sample-bank sessions (each its own device and client address
    /// under <paramref name="network"/>), then authenticates them all at once.
    /// </summary>
    private async Task<List<(int Status, TimeSpan? RetryAfter)>> HammerSampleBankAsync(Uri gateway, int count, string network)
    {
        var members = await fixture.Simulator.PostAsJsonAsync("admin/issuers/sample-bank/members", new { count });
        var codes = (await members.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        var sessions = new List<(GatewayClient Client, string Token, string SessionId)>();
        for (var i = 0; i < count; i++)
        {
            var http = new HttpClient { BaseAddress = gateway };
            http.DefaultRequestHeaders.Add("X-Forwarded-For", $"{network}.{i / 250}.{i % 250 + 1}");
            var client = new GatewayClient(http);
            var token = (await client.RegisterDeviceAsync("phone", "1")).DeviceToken;
            var session = await client.OpenSessionAsync(token, "sample-bank", GatewayFixture.NewChip().ChipId);
            sessions.Add((client, token, session.SessionId));
        }

        return [.. await Task.WhenAll(sessions.Select(async (s, i) =>
        {
            try
            {
                await s.Client.AuthenticateAsync(s.Token, s.SessionId, 0, codes[i].GetProperty("memberId").GetString()!, codes[i].GetProperty("accessCode").GetString()!);
                return (200, (TimeSpan?)null);
            }
            catch (GatewayProblemException e)
            {
                return (e.Status, e.RetryAfter);
            }
        }))];
    }

    private async Task<(int Concurrent, int PerSecond)> PeaksAsync()
    {
        var stats = await fixture.Simulator.GetFromJsonAsync<JsonElement>("admin/stats");
        var bank = stats.GetProperty("issuers").GetProperty("sample-bank");
        return (bank.GetProperty("peakConcurrentRequests").GetInt32(), bank.GetProperty("peakRequestsPerSecond").GetInt32());
    }

    private async Task ResetStatsAsync() => (await fixture.Simulator.PostAsync("admin/stats/reset", null)).EnsureSuccessStatusCode();

    private async Task SetLatencyAsync(int latencyMs) =>
        (await fixture.Simulator.PostAsJsonAsync("admin/faults", new { issuerId = "sample-bank", latencyMs, failureRate = 0.0, down = false })).EnsureSuccessStatusCode();

    private async Task ClearFaultAsync() => (await fixture.Simulator.DeleteAsync("admin/faults/sample-bank")).EnsureSuccessStatusCode();
}
