using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Contracts;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>Removal sessions over HTTP (Azurite, software secure elements): a terminal takes a card off its own chip.</summary>
[Collection(OperatorCollection.Name)]
public sealed class RemovalTests(OperatorFixture fixture)
{
    [Fact]
    public async Task Removal_CardOnChip_RemovedOutcomeOneWriteCardWritableAgainOnAnotherChip()
    {
        var (chip, provisioned, token, memberId) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        using var writes = new InstrumentRecorder("walletgateway.storage.writes", fixture.GatewayServices.GetRequiredService<IMeterFactory>());

        var result = await new RemovalRunner(fixture.Client, chip).RemoveAsync(token, "demo-card", provisioned.CardId);

        Assert.Equal(1, writes.Sum("grain", "CardState"));
        Assert.True(result.Removed);
        Assert.Equal(provisioned.CardId, result.CardId);
        Assert.Empty(chip.Cards);
        var card = await CardAsync(cardRef);
        Assert.Equal(CardStatus.Unprovisioned, card.Status);
        Assert.Null(card.ChipId);
        Assert.Equal(new CardRemoval(chip.ChipId, provisioned.CardId, card.LastRemoval!.At, "removal", true), card.LastRemoval);
        var trail = await fixture.Grains.GetGrain<ICardGrain>(CardKey.For("demo-card", cardRef)).GetAuditAsync();
        Assert.True(trail.Verification.Valid);
        Assert.Equal("removed", trail.Records.OrderBy(r => r.Seq).Last().Event);
        await Eventually.TrueAsync(async () => (await fixture.NotificationsAsync("demo-card"))
            .Any(n => n.Kind == "removed" && n.CardRef == cardRef && n.ChipId == chip.ChipId && n.CardId == provisioned.CardId));

        var newChip = GatewayFixture.NewChip();
        var again = await new ProvisioningRunner(fixture.Client, newChip).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId));
        Assert.Equal("active", again.Status);
        Assert.NotEqual(provisioned.CardId, again.CardId);
        Assert.Equal(newChip.ChipId, (await CardAsync(cardRef)).ChipId);
    }

    [Fact]
    public async Task Removal_ChipLostTheCard_AbsentOutcomeStillTakesTheCardOff()
    {
        var (chip, provisioned, token, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        // The phone lost the card by itself (a reset, a restore): the chip no longer holds it.
        var local = new RemovalScript(ChipKeys.Derive(GatewayFixture.MasterKey, Hex.Parse(chip.ChipId)), Hex.Parse(chip.ChipId), provisioned.CardId);
        var step = local.Start();
        while (step.Kind == ScriptStepKind.SendApdus)
        {
            step = local.Next([.. ProvisioningRunner.RelayToChip(chip, step.Apdus).Select(Hex.Parse)]);
        }

        Assert.Empty(chip.Cards);

        var result = await new RemovalRunner(fixture.Client, chip).RemoveAsync(token, "demo-card", provisioned.CardId);

        Assert.False(result.Removed);
        var card = await CardAsync(cardRef);
        Assert.Null(card.ChipId);
        Assert.False(card.LastRemoval!.Removed);
    }

    [Fact]
    public async Task Removal_EveryStepRetried_SameAnswerAndChangedRetryRefused()
    {
        var (chip, provisioned, token, _) = await fixture.ProvisionAsync();
        var other = await fixture.ProvisionAsync();
        await fixture.CardRefOnChipAsync(chip.ChipId);
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", chip.ChipId);

        var step = await fixture.Client.RemoveAsync(token, session.SessionId, 0, provisioned.CardId);
        Assert.Equal(step, await fixture.Client.RemoveAsync(token, session.SessionId, 0, provisioned.CardId), StepComparer.Instance);
        await AssertProblemAsync(409, "sequence-conflict", () => fixture.Client.RemoveAsync(token, session.SessionId, 0, other.Result.CardId));

        var relays = 0;
        while (!step.Done)
        {
            var responses = ProvisioningRunner.RelayToChip(chip, step);
            var next = await fixture.Client.RelayAsync(token, session.SessionId, step.Seq, responses);
            Assert.Equal(next, await fixture.Client.RelayAsync(token, session.SessionId, step.Seq, responses), StepComparer.Instance);
            var changed = responses.ToList();
            changed[^1] = "6A80";
            // Once the last step closed the session, a changed retry of it is refused as after any end.
            await AssertProblemAsync(409, next.Done ? "session-closed" : "sequence-conflict",
                () => fixture.Client.RelayAsync(token, session.SessionId, step.Seq, changed));
            step = next;
            relays++;
        }

        Assert.InRange(relays, 2, 4);
        Assert.Equal("removed", step.Result!.Status);
        Assert.True(step.Result.Removed);
        Assert.Equal("removed", (await fixture.Client.GetSessionAsync(token, session.SessionId)).State);
        Assert.Single(other.Chip.Cards);
        Assert.Empty(chip.Cards);
        await Eventually.TrueAsync(async () => (await fixture.NotificationsAsync("demo-card")).Any(n => n.Kind == "removed" && n.CardId == provisioned.CardId));
        Assert.Single(await fixture.NotificationsAsync("demo-card"), n => n.Kind == "removed" && n.CardId == provisioned.CardId);
    }

    [Fact]
    public async Task Removal_TamperedDf71_422AndCardStillBoundToItsChip()
    {
        var (chip, provisioned, token, memberId) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", chip.ChipId);
        var step = await fixture.Client.RemoveAsync(token, session.SessionId, 0, provisioned.CardId);

        var refused = await Assert.ThrowsAsync<GatewayProblemException>(async () =>
        {
            while (!step.Done)
            {
                var responses = ProvisioningRunner.RelayToChip(chip, step);
                if (step.ApdusOrEmpty.Any(a => a.StartsWith("84E289", StringComparison.OrdinalIgnoreCase)))
                {
                    // A bit of the (encrypted, MACed) DF71 answer flipped on the way back.
                    var last = Hex.Parse(responses[^1]);
                    last[6] ^= 0x01;
                    responses[^1] = Hex.Format(last);
                }

                step = await fixture.Client.RelayAsync(token, session.SessionId, step.Seq, responses);
            }
        });

        Assert.Equal(422, refused.Status);
        Assert.EndsWith("/chip-verification-failed", refused.Type);
        var card = await CardAsync(cardRef);
        Assert.Equal(CardStatus.Active, card.Status);
        Assert.Equal(chip.ChipId, card.ChipId);
        Assert.Equal(provisioned.CardId, card.CardId);
        Assert.Null(card.LastRemoval);
        Assert.Equal("failed", (await fixture.Client.GetSessionAsync(token, session.SessionId)).State);
        var code = await fixture.NewAccessCodeAsync(memberId);
        var elsewhere = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code));
        Assert.EndsWith("/card-active", elsewhere.Type);

        // The hold of the failed session is gone: an honest removal now runs (the chip removed the card already).
        var retried = await new RemovalRunner(fixture.Client, chip).RemoveAsync(token, "demo-card", provisioned.CardId);
        Assert.False(retried.Removed);
    }

    [Fact]
    public async Task Removal_UnknownCardOrAnotherChip_404CardNotFound()
    {
        var (chip, provisioned, token, _) = await fixture.ProvisionAsync();
        await fixture.CardRefOnChipAsync(chip.ChipId);

        var unknown = await fixture.Client.OpenSessionAsync(token, "demo-card", chip.ChipId);
        await AssertProblemAsync(404, "card-not-found", () => fixture.Client.RemoveAsync(token, unknown.SessionId, 0, "CNOSUCHCARD"));
        await fixture.Client.AbortAsync(token, unknown.SessionId);

        var otherIssuer = await fixture.Client.OpenSessionAsync(token, "sample-bank", chip.ChipId);
        await AssertProblemAsync(404, "card-not-found", () => fixture.Client.RemoveAsync(token, otherIssuer.SessionId, 0, provisioned.CardId));
        await fixture.Client.AbortAsync(token, otherIssuer.SessionId);

        var otherChip = GatewayFixture.NewChip();
        var wrongChip = await fixture.Client.OpenSessionAsync(token, "demo-card", otherChip.ChipId);
        await AssertProblemAsync(404, "card-not-found", () => fixture.Client.RemoveAsync(token, wrongChip.SessionId, 0, provisioned.CardId));

        Assert.Single(chip.Cards);
        Assert.Equal("active", Assert.Single(await fixture.Client.ListChipCardsAsync(token, chip.ChipId)).Status);
    }

    [Fact]
    public async Task Removal_BadBody_400ProblemAndSessionUnchanged()
    {
        var token = await fixture.RegisterDeviceAsync();
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId);
        foreach (var body in new[] { "{\"seq\":0}", "{\"cardId\":\"C1\"}", "{\"seq\":\"0\",\"cardId\":\"C1\"}", "{\"seq\":0,\"cardId\":\"\"}", "[" })
        {
            var answer = await TestTerminal.SendAsync(fixture.Gateway,
                TestTerminal.Request(HttpMethod.Post, $"v1/sessions/{session.SessionId}/remove", token, body));
            TestTerminal.AssertProblem(400, "invalid-request", answer);
        }

        Assert.Equal("open", (await fixture.Client.GetSessionAsync(token, session.SessionId)).State);
        await fixture.Client.AbortAsync(token, session.SessionId);
    }

    [Fact]
    public async Task Removal_LegacyIssuer_NoticeAcknowledgedWithoutSending()
    {
        var (chip, provisioned, token, _) = await fixture.ProvisionAsync("sample-bank");
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId, "sample-bank");

        var result = await new RemovalRunner(fixture.Client, chip).RemoveAsync(token, "sample-bank", provisioned.CardId);

        Assert.True(result.Removed);
        await Eventually.TrueAsync(async () => (await CardAsync(cardRef, "sample-bank")).PendingNotifications == 0);
        var received = await fixture.NotificationsAsync("sample-bank");
        Assert.Contains(received, n => n.CardRef == cardRef && n.Kind == "complete");
        Assert.DoesNotContain(received, n => n.CardRef == cardRef && n.Kind == "removed");
        Assert.Empty((await CardAsync(cardRef, "sample-bank")).DeadLetters);
    }

    private Task<CardView> CardAsync(string cardRef, string issuerId = "demo-card") =>
        fixture.Grains.GetGrain<ICardGrain>(CardKey.For(issuerId, cardRef)).GetAsync();

    private static async Task AssertProblemAsync(int status, string slug, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<GatewayProblemException>(call);
        Assert.Equal(status, e.Status);
        Assert.EndsWith("/" + slug, e.Type);
    }

    /// <summary>Steps compared by what the terminal acts on: seq, APDUs, done and result.</summary>
    private sealed class StepComparer : IEqualityComparer<SessionStepResponse>
    {
        public static readonly StepComparer Instance = new();

        public bool Equals(SessionStepResponse? x, SessionStepResponse? y) =>
            x is not null && y is not null && x.Seq == y.Seq && x.Done == y.Done && x.ApdusOrEmpty.SequenceEqual(y.ApdusOrEmpty) && x.Result == y.Result;

        public int GetHashCode(SessionStepResponse obj) => obj.Seq;
    }
}
