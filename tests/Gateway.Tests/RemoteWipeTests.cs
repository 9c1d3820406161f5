using WalletGateway.Contracts;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>Remote wipe: a card deleted, or suspended for loss, while on a chip is taken off it at the chip's next contact.</summary>
[Collection(OperatorCollection.Name)]
public sealed class RemoteWipeTests(OperatorFixture fixture)
{
    [Fact]
    public async Task Wipe_AfterOperatorDelete_AnyDeviceOfTheChipIsToldRemovalVerifiesIssuerHearsWiped()
    {
        var (chip, provisioned, token, memberId) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);

        var deleted = await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/delete", new { reason = "lost-phone", requestedBy = "member" });
        Assert.Equal(200, deleted.Status);
        var pending = await CardAsync(cardRef);
        Assert.Equal((chip.ChipId, provisioned.CardId), (pending.RemovalPendingChipId, pending.RemovalPendingCardId));

        // Not writable anywhere until resumed.
        var refused = await Assert.ThrowsAsync<GatewayProblemException>(async () =>
            await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId)));
        Assert.EndsWith("/card-suspended", refused.Type);

        // The phone found by someone else (another device): it is told too.
        var finder = await fixture.RegisterDeviceAsync();
        var listed = Assert.Single(await fixture.Client.ListChipCardsAsync(finder, chip.ChipId));
        Assert.Equal(("demo-card", provisioned.CardId, "removal-pending"), (listed.IssuerId, listed.CardId, listed.Status));
        // The open tells it once the wipe's flag is in the chip's index row (the card's index write, within about a second).
        SessionOpenedResponse opened = null!;
        await Eventually.TrueAsync(async () =>
        {
            opened = await fixture.Client.OpenSessionAsync(finder, "sample-bank", chip.ChipId);
            if (opened.RemovalsPending is null)
            {
                await fixture.Client.AbortAsync(finder, opened.SessionId);
            }

            return opened.RemovalsPending is not null;
        });
        var told = Assert.Single(opened.RemovalsPending!);
        Assert.Equal(("demo-card", provisioned.CardId), (told.IssuerId, told.CardId));
        await fixture.Client.AbortAsync(finder, opened.SessionId);

        var result = await new RemovalRunner(fixture.Client, chip).RemoveAsync(finder, told.IssuerId, told.CardId);

        Assert.True(result.Removed);
        Assert.Empty(chip.Cards);
        var card = await CardAsync(cardRef);
        Assert.Equal(CardStatus.Deleted, card.Status);
        Assert.Null(card.RemovalPendingChipId);
        Assert.Equal(("wipe", chip.ChipId, provisioned.CardId, true), (card.LastRemoval!.Kind, card.LastRemoval.ChipId, card.LastRemoval.CardId, card.LastRemoval.Removed));
        await Eventually.TrueAsync(async () => (await fixture.NotificationsAsync("demo-card"))
            .Any(n => n.Kind == "wiped" && n.CardRef == cardRef && n.ChipId == chip.ChipId && n.CardId == provisioned.CardId));
        Assert.Null((await fixture.Client.OpenSessionAsync(finder, "demo-card", chip.ChipId)).RemovalsPending);
        Assert.Equal("deleted", Assert.Single(await fixture.Client.ListChipCardsAsync(token, chip.ChipId)).Status);
    }

    /// <summary>
    /// A session open asks the card grains of only the chip's flagged rows: none for a chip whose cards are all in place,
    /// the wiped card's once the wipe's flag landed.
    /// </summary>
    [Fact]
    public async Task Open_AsksOnlyFlaggedCards_NoneUntilAWipeThenThatOne()
    {
        var (chip, _, token, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        var scope = fixture.GatewayServices.GetRequiredService<IMeterFactory>();
        await Eventually.TrueAsync(async () => (await fixture.Client.ListChipCardsAsync(token, chip.ChipId)).Count == 1);
        // Earlier cards' work after their answers (index rows, marker removals) is over: no card call but the open's is counted.
        await InstrumentRecorder.WritesSettledAsync(scope, TimeSpan.FromSeconds(2));

        using (var calls = new InstrumentRecorder("walletgateway.grain_calls.received", scope))
        {
            var opened = await fixture.Client.OpenSessionAsync(token, "sample-bank", chip.ChipId);
            Assert.Null(opened.RemovalsPending);
            Assert.Equal(0, calls.Sum("grain", nameof(ICardGrain)));
            await fixture.Client.AbortAsync(token, opened.SessionId);
        }

        Assert.Equal(200, (await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/delete", new { reason = "lost-phone", requestedBy = "member" })).Status);
        await Eventually.TrueAsync(async () => (await fixture.Grains.GetGrain<IChipCardsGrain>(chip.ChipId).ListAsync()).Single().RemovalPending);
        using (var calls = new InstrumentRecorder("walletgateway.grain_calls.received", scope))
        {
            var opened = await fixture.Client.OpenSessionAsync(token, "sample-bank", chip.ChipId);
            Assert.Equal("demo-card", Assert.Single(opened.RemovalsPending!).IssuerId);
            Assert.Equal(1, calls.Sum("grain", nameof(ICardGrain)));
            await fixture.Client.AbortAsync(token, opened.SessionId);
        }
    }

    [Fact]
    public async Task Wipe_DeletedThenResumed_WritableElsewhereWhileTheOldChipsRemovalStaysPending()
    {
        var (chip, provisioned, token, memberId) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/delete", new { reason = "lost-phone", requestedBy = "member" });
        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/resume", new { reason = "new-phone", requestedBy = "member" });

        var newChip = GatewayFixture.NewChip();
        var again = await new ProvisioningRunner(fixture.Client, newChip).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId));

        Assert.Equal("active", again.Status);
        var card = await CardAsync(cardRef);
        Assert.Equal((newChip.ChipId, chip.ChipId, provisioned.CardId), (card.ChipId, card.RemovalPendingChipId, card.RemovalPendingCardId));
        Assert.Equal("removal-pending", Assert.Single(await fixture.Client.ListChipCardsAsync(token, chip.ChipId)).Status);

        var wiped = await new RemovalRunner(fixture.Client, chip).RemoveAsync(token, "demo-card", provisioned.CardId);

        Assert.True(wiped.Removed);
        card = await CardAsync(cardRef);
        Assert.Equal((CardStatus.Active, newChip.ChipId, again.CardId), (card.Status, card.ChipId, card.CardId));
        Assert.Equal("wipe", card.LastRemoval!.Kind);
        Assert.Single(newChip.Cards);
    }

    [Fact]
    public async Task Wipe_RunningOnTheOldChip_ProvisioningElsewhereWaitsCardBusyThenGoesOn()
    {
        var (chip, provisioned, token, memberId) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/delete", new { reason = "lost-phone", requestedBy = "member" });
        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/resume", new { reason = "new-phone", requestedBy = "member" });
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", chip.ChipId);
        var step = await fixture.Client.RemoveAsync(token, session.SessionId, 0, provisioned.CardId);

        // The removal and a provisioning of the same card never interleave.
        var newChip = GatewayFixture.NewChip();
        var busy = await Assert.ThrowsAsync<GatewayProblemException>(async () =>
            await new ProvisioningRunner(fixture.Client, newChip).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId)));
        Assert.Equal(409, busy.Status);
        Assert.EndsWith("/card-busy", busy.Type);

        while (!step.Done)
        {
            step = await fixture.Client.RelayAsync(token, session.SessionId, step.Seq, ProvisioningRunner.RelayToChip(chip, step));
        }

        Assert.True(step.Result!.Removed);
        var again = await new ProvisioningRunner(fixture.Client, newChip).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId));
        Assert.Equal("active", again.Status);
        Assert.Null((await CardAsync(cardRef)).RemovalPendingChipId);
    }

    [Fact]
    public async Task Wipe_SuspendedForLossThenResumed_NoRemovalPendingAndOtherReasonsSetNone()
    {
        var (chip, _, token, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);

        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/suspend", new { reason = "stolen", requestedBy = "member" });
        Assert.Equal(chip.ChipId, (await CardAsync(cardRef)).RemovalPendingChipId);
        Assert.Equal("removal-pending", Assert.Single(await fixture.Client.ListChipCardsAsync(token, chip.ChipId)).Status);

        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/resume", new { reason = "found-phone", requestedBy = "member" });
        Assert.Null((await CardAsync(cardRef)).RemovalPendingChipId);
        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/suspend", new { reason = "fraud-check", requestedBy = "issuer" });
        Assert.Null((await CardAsync(cardRef)).RemovalPendingChipId);
        Assert.Equal("suspended", Assert.Single(await fixture.Client.ListChipCardsAsync(token, chip.ChipId)).Status);
    }

    private Task<CardView> CardAsync(string cardRef) => fixture.Grains.GetGrain<ICardGrain>(CardKey.For("demo-card", cardRef)).GetAsync();
}
