using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains.Sessions;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>Session step latency is recorded by step and outcome: what an operator's dashboards split by.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SessionStepTimingTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Steps_AnsweredAndRefused_RecordedWithTheirStepAndOutcome()
    {
        var ct = TestContext.Current.CancellationToken;
        var meters = fixture.GatewayServices.GetRequiredService<IMeterFactory>();
        using var steps = new InstrumentRecorder("walletgateway.session.step.duration", meters);

        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", chip.ChipId, ct);
        await Assert.ThrowsAsync<GatewayProblemException>(() => fixture.Client.AuthenticateAsync(token, session.SessionId, 0, memberId, "wrong", ct));
        var first = await fixture.Client.AuthenticateAsync(token, session.SessionId, 0, memberId, code, ct);
        await fixture.Client.RelayAsync(token, session.SessionId, first.Seq, ProvisioningRunner.RelayToChip(chip, first), ct);

        var recorded = steps.Measurements.Select(m => (m["step"], m["outcome"])).ToList();
        Assert.Contains(("open", "ok"), recorded);
        Assert.Contains(("authenticate", "InvalidAccessCode"), recorded);
        Assert.Contains(("authenticate", "ok"), recorded);
        Assert.Contains(("relay", "ok"), recorded);
    }
}
