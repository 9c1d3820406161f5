using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>A chip id is held only by a session whose chip proved itself (its card cryptogram verified).</summary>
[Collection(GatewayCollection.Name)]
public sealed class ChipClaimTests(GatewayFixture fixture)
{
    [Fact]
    public async Task OtherDeviceOpensForTheChip_NeverVerifies_OwnerOpensAndProvisionsAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var chip = GatewayFixture.NewChip();
        var intruder = await fixture.RegisterDeviceAsync();
        await fixture.Client.OpenSessionAsync(intruder, "demo-card", chip.ChipId, ct);

        var owner = await fixture.RegisterDeviceAsync();
        var (memberId, code) = await fixture.CreateMemberAsync();
        var result = await new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(owner, "demo-card", memberId, code, ct: ct);

        Assert.Equal("active", result.Status);
        Assert.Single(chip.Cards);
    }

    [Fact]
    public async Task VerifiedSessionWriting_OtherDeviceOpens_429ChipBusy()
    {
        var ct = TestContext.Current.CancellationToken;
        var chip = GatewayFixture.NewChip();
        var owner = await fixture.RegisterDeviceAsync();
        var (memberId, code) = await fixture.CreateMemberAsync();
        var (session, first) = await OpenAndAuthenticateAsync(fixture.Client, owner, chip, memberId, code);
        var second = await fixture.Client.RelayAsync(owner, session.SessionId, first.Seq, ProvisioningRunner.RelayToChip(chip, first), ct);

        var other = await fixture.RegisterDeviceAsync();
        var busy = await Assert.ThrowsAsync<GatewayProblemException>(() => fixture.Client.OpenSessionAsync(other, "demo-card", chip.ChipId, ct));
        Assert.Equal(429, busy.Status);
        Assert.EndsWith("/chip-busy", busy.Type);

        var done = await fixture.Client.RelayAsync(owner, session.SessionId, second.Seq, ProvisioningRunner.RelayToChip(chip, second), ct);
        Assert.Equal("active", done.Result!.Status);
    }
}
