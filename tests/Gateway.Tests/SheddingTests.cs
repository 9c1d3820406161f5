using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Contracts;
using WalletGateway.Frontend.Limits;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

[Collection(SheddingCollection.Name)]
public sealed class SheddingTests(SheddingFixture fixture)
{
    [Fact]
    public async Task Saturated_NewOpensShed503_WhileSessionMidWriteCompletes()
    {
        // A session already writing its chip.
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var (session, first) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, code);
        var step = await fixture.Client.RelayAsync(token, session.SessionId, 1, ProvisioningRunner.RelayToChip(chip, first));

        // Saturate: authentications stuck on a slow issuer.
        var slow = new List<(GatewayClient Client, string Token, string SessionId, string MemberId, string Code)>();
        var members = (await (await fixture.Simulator.PostAsJsonAsync("admin/issuers/sample-bank/members", new { count = 6 }))
            .Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        foreach (var member in members)
        {
            var t = await fixture.RegisterDeviceAsync();
            var s = await fixture.Client.OpenSessionAsync(t, "sample-bank", GatewayFixture.NewChip().ChipId);
            slow.Add((fixture.Client, t, s.SessionId, member.GetProperty("memberId").GetString()!, member.GetProperty("accessCode").GetString()!));
        }

        (await fixture.Simulator.PostAsJsonAsync("admin/faults", new { issuerId = "sample-bank", latencyMs = 3000, failureRate = 0.0, down = false })).EnsureSuccessStatusCode();
        var shedding = fixture.GatewayServices.GetRequiredService<LoadShedding>();
        Task<SessionStepResponse>[] stuck;
        try
        {
            stuck = [.. slow.Select(s => s.Client.AuthenticateAsync(s.Token, s.SessionId, 0, s.MemberId, s.Code))];
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                while (shedding.InFlight < SheddingFixture.ShedAbove)
                {
                    await Task.Delay(10, timeout.Token);
                }
            }

            var other = await fixture.RegisterDeviceOrShedAsync();
            var shed = await SendAsync(fixture.Gateway, Request(HttpMethod.Post, "v1/sessions", other ?? token,
                "{\"issuerId\": \"demo-card\", \"chipId\": \"00112233445566778899\"}"));
            AssertProblem(503, "overloaded", shed);
            Assert.NotNull(shed.Response.Headers.RetryAfter);

            // The session mid-write goes ahead.
            var done = await fixture.Client.RelayAsync(token, session.SessionId, step.Seq, ProvisioningRunner.RelayToChip(chip, step));
            Assert.True(done.Done);
            Assert.Equal("active", done.Result!.Status);
        }
        finally
        {
            (await fixture.Simulator.DeleteAsync("admin/faults/sample-bank")).EnsureSuccessStatusCode();
        }

        await Task.WhenAll(stuck.Select(async t =>
        {
            try
            {
                await t;
            }
            catch (GatewayProblemException)
            {
                // Shed or refused: what matters here is the session mid-write.
            }
        }));
    }
}
