using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Sessions;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Sessions have no timer of their own: the silo's one sweep ends those past their deadline, as their own timer did,
/// releasing the card at once (not when the lease runs out) and letting the activation go.
/// </summary>
public sealed class SessionExpirySweepTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task IdleSession_Swept_EndsExpiredDeactivatesAndTheCardIsFreeBeforeItsLeaseRunsOut()
    {
        var ct = TestContext.Current.CancellationToken;
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var (session, _) = await OpenAndAuthenticateAsync(fixture.Client, token, GatewayFixture.NewChip(), memberId, code);
        var sessionId = Guid.Parse(session.SessionId);
        var local = fixture.GatewayServices.GetRequiredService<LocalSessions>();
        using var failed = new InstrumentRecorder("walletgateway.sessions.failed", fixture.GatewayServices.GetRequiredService<IMeterFactory>());

        fixture.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        await Eventually.TrueAsync(() => failed.Sum("reason", "session-expired") == 1);
        await Eventually.TrueAsync(() => local.Snapshot().All(s => s.GrainId.GetGuidKey() != sessionId));
        // The lease would last minutes more (max lifetime + margin): the card goes to another chip now only because the session released it.
        var result = await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip())
            .ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId), ct: ct);
        Assert.Equal("active", result.Status);
    }

    [Fact]
    public async Task ExpireIfDue_BeforeTheDeadline_LeavesTheSessionAsItIs()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await fixture.RegisterDeviceAsync();
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId, ct);

        await fixture.Grains.GetGrain<ITerminalSessionGrain>(Guid.Parse(session.SessionId)).ExpireIfDueAsync();

        Assert.Equal("open", (await fixture.Client.GetSessionAsync(token, session.SessionId, ct)).State);
        // Ended here, so the other test's clock jump does not expire it too.
        await fixture.Client.AbortAsync(token, session.SessionId, ct);
    }
}
