using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// A session lost with its silo leaves its card lease to run out: once card data had gone to the terminal the card
/// may be on that chip, so it stays bound to it; before that, the card is free again.
/// </summary>
public sealed class LeaseExpiryTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan PastAnyLease = TimeSpan.FromMinutes(12);

    [Fact]
    public async Task SiloLostAfterCardDataWentOut_LeaseRunsOut_UnconfirmedOnItsChip_OtherChip409_SameChipRewrites()
    {
        var ct = TestContext.Current.CancellationToken;
        var final = await FinalStep.ReachAsync(fixture);
        var (memberId, token, chip) = (final.MemberId, final.Token, final.Chip);
        var cardId = chip.Cards.Single().CardId;
        var card = await CardOfAsync(final.SessionId);

        await fixture.RestartGatewayAsync();
        fixture.Clock.Advance(PastAnyLease);

        var otherChip = GatewayFixture.NewChip();
        var newCode = await fixture.NewAccessCodeAsync(memberId);
        var elsewhere = await Assert.ThrowsAsync<GatewayProblemException>(() => new ProvisioningRunner(fixture.Client, otherChip)
            .ProvisionAsync(token, "demo-card", memberId, newCode, ct: ct));
        Assert.Equal(409, elsewhere.Status);
        Assert.EndsWith("/card-active", elsewhere.Type);
        Assert.Empty(otherChip.Cards);

        await card().DeliverNotificationsAsync();
        var view = await card().GetAsync();
        Assert.Equal((CardStatus.Unconfirmed, chip.ChipId, cardId), (view.Status, view.ChipId, view.CardId));

        var again = await new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId), ct: ct);
        Assert.Equal(("active", cardId), (again.Status, again.CardId));
    }

    [Fact]
    public async Task SiloLostBeforeCardDataWentOut_LeaseRunsOut_CardFreeForAnotherChip()
    {
        var ct = TestContext.Current.CancellationToken;
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var (session, _) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, code);
        var card = await CardOfAsync(session.SessionId);

        await fixture.RestartGatewayAsync();
        fixture.Clock.Advance(PastAnyLease);

        var otherChip = GatewayFixture.NewChip();
        var result = await new ProvisioningRunner(fixture.Client, otherChip).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId), ct: ct);
        Assert.Equal("active", result.Status);
        Assert.Equal(otherChip.ChipId, (await card().GetAsync()).ChipId);
        Assert.Empty(chip.Cards);
    }

    /// <summary>The session's card, found before the session is lost (the grain factory changes with each restart).</summary>
    private async Task<Func<ICardGrain>> CardOfAsync(string sessionId)
    {
        var details = await fixture.Grains.GetGrain<ITerminalSessionGrain>(Guid.Parse(sessionId)).GetDetailsAsync();
        return () => fixture.Grains.GetGrain<ICardGrain>(CardKey.For("demo-card", details.CardRef!));
    }
}
