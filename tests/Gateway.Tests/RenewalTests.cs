using System.Net.Http.Json;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Renewal over HTTP, Azurite and software secure elements: the issuer renews a member's card (new expiry and key) and
/// the member writes it again to the same chip under the same card id (docs/terminal-protocol.md#renewal).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RenewalTests(GatewayFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("demo-card", "renewed")]
    [InlineData("sample-bank", "complete")] // legacy protocol: the renewal reaches it as an activation (ACTV)
    public async Task Renew_ActiveCardOnSameChip_SameCardIdNewDataOnChipRenewedRecordAndNotice(string issuerId, string noticeKind)
    {
        var (chip, first, token, memberId) = await fixture.ProvisionAsync(issuerId);
        var before = chip.Cards.Single();
        var renewal = await RenewAsync(issuerId, memberId);

        var result = await new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, issuerId, memberId, renewal.AccessCode, ct: Ct);

        Assert.Equal(("active", first.CardId), (result.Status, result.CardId));
        Assert.True(result.Card!.Renewal);
        Assert.Equal(renewal.Expiry, result.Card.Expiry);
        var onChip = Assert.Single(chip.Cards);
        Assert.Equal((first.CardId, before.CardNumber, renewal.Expiry), (onChip.CardId, onChip.CardNumber, onChip.Expiry));
        Assert.NotEqual(before.Expiry, onChip.Expiry);
        Assert.NotEqual(before.PaymentKeyCheckValue, onChip.PaymentKeyCheckValue);

        var card = Card(issuerId, renewal.CardRef);
        var view = await card.GetAsync();
        Assert.Equal((CardStatus.Active, chip.ChipId, first.CardId, onChip.Receipt), (view.Status, view.ChipId, view.CardId, view.Receipt));
        var audit = await card.GetAuditAsync();
        Assert.True(audit.Verification.Valid);
        Assert.Equal(["leased", "activated", "leased", "renewed"], audit.Records.Select(r => r.Event));
        Assert.Equal("renewal", audit.Records[2].Reason);
        Assert.Equal((chip.ChipId, first.CardId), (audit.Records[3].ChipId, audit.Records[3].CardId));

        var notice = await NoticeAsync(issuerId, $"renewed-{Guid.Parse(result.SessionId):N}");
        Assert.Equal((noticeKind, renewal.CardRef, first.CardId, chip.ChipId), (notice.Kind, notice.CardRef, notice.CardId, notice.ChipId));
    }

    [Fact]
    public async Task Renew_IssuerDataUnchanged_409CardActive_NothingWritten()
    {
        var (chip, _, token, memberId) = await fixture.ProvisionAsync();
        var cardRef = (await NoticeOfCardAsync("demo-card", chip.Cards.Single().CardId)).CardRef;
        var records = (await Card("demo-card", cardRef).GetAsync()).AuditRecords;
        var code = await fixture.NewAccessCodeAsync(memberId);

        var refused = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, "demo-card", memberId, code, ct: Ct));

        Assert.Equal(409, refused.Status);
        Assert.EndsWith("/card-active", refused.Type);
        var view = await Card("demo-card", cardRef).GetAsync();
        Assert.Equal((CardStatus.Active, chip.ChipId, records), (view.Status, view.ChipId, view.AuditRecords));
    }

    [Fact]
    public async Task Renew_FromAnotherChip_409CardActive_CardStaysOnItsChipWithItsOldData()
    {
        var (chip, first, _, memberId) = await fixture.ProvisionAsync();
        var renewal = await RenewAsync("demo-card", memberId);
        var other = GatewayFixture.NewChip();

        var otherToken = await fixture.RegisterDeviceAsync();

        var refused = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(fixture.Client, other).ProvisionAsync(otherToken, "demo-card", memberId, renewal.AccessCode, ct: Ct));

        Assert.Equal(409, refused.Status);
        Assert.EndsWith("/card-active", refused.Type);
        Assert.Empty(other.Cards);
        var view = await Card("demo-card", renewal.CardRef).GetAsync();
        Assert.Equal((CardStatus.Active, chip.ChipId, first.CardId, chip.Cards.Single().Receipt), (view.Status, view.ChipId, view.CardId, view.Receipt));
    }

    [Fact]
    public async Task Renew_TamperedFinalReceipt_422_CardUnconfirmedBoundToItsChip_OnlyThatChipRenewsIt()
    {
        var (chip, first, token, memberId) = await fixture.ProvisionAsync();
        var renewal = await RenewAsync("demo-card", memberId);
        var final = await ReachFinalAsync(token, chip, memberId, renewal.AccessCode);
        var last = Hex.Parse(final.Responses[^1]);
        last[0] ^= 0x80;

        var failed = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.RelayAsync(token, final.SessionId, final.Seq, [.. final.Responses[..^1], Hex.Format(last)], Ct));

        Assert.Equal(422, failed.Status);
        Assert.EndsWith("/chip-verification-failed", failed.Type);
        var card = Card("demo-card", renewal.CardRef);
        var view = await card.GetAsync();
        Assert.Equal((CardStatus.Unconfirmed, chip.ChipId, first.CardId), (view.Status, view.ChipId, view.CardId));

        var (otherToken, code) = (await fixture.RegisterDeviceAsync(), await fixture.NewAccessCodeAsync(memberId));
        var elsewhere = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(otherToken, "demo-card", memberId, code, ct: Ct));
        Assert.Equal(409, elsewhere.Status);
        Assert.EndsWith("/card-active", elsewhere.Type);

        // Its own chip writes it again: the renewal completes, same card id.
        var again = await new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId), ct: Ct);
        Assert.Equal(("active", first.CardId), (again.Status, again.CardId));
        Assert.Equal(CardStatus.Active, (await card.GetAsync()).Status);
        Assert.Equal("renewed", (await card.GetAuditAsync()).Records[^1].Event);
    }

    [Fact]
    public async Task Renew_FinalRelayRetriedIdentically_SameAnswerAgain_RenewedOnce()
    {
        var (chip, first, token, memberId) = await fixture.ProvisionAsync();
        var renewal = await RenewAsync("demo-card", memberId);
        var final = await ReachFinalAsync(token, chip, memberId, renewal.AccessCode);

        var done = await fixture.Client.RelayAsync(token, final.SessionId, final.Seq, final.Responses, Ct);
        var again = await fixture.Client.RelayAsync(token, final.SessionId, final.Seq, final.Responses, Ct);

        Assert.True(done.Done);
        Assert.Equal(("active", first.CardId), (done.Result!.Status, done.Result.CardId));
        Assert.Equal((done.Seq, done.Done, done.Result), (again.Seq, again.Done, again.Result));
        Assert.Single((await Card("demo-card", renewal.CardRef).GetAuditAsync()).Records, r => r.Event == "renewed");
    }

    [Fact]
    public async Task Renew_AbortedBeforeCardDataWentOut_CardStaysActiveOnItsChipUnchanged()
    {
        var (chip, first, token, memberId) = await fixture.ProvisionAsync();
        var renewal = await RenewAsync("demo-card", memberId);
        var card = Card("demo-card", renewal.CardRef);
        var before = await card.GetAsync();

        var (session, step) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, renewal.AccessCode);
        Assert.True(step.Card!.Renewal);
        await fixture.Client.AbortAsync(token, session.SessionId, Ct);

        var view = await card.GetAsync();
        Assert.Equal((CardStatus.Active, chip.ChipId, first.CardId, before.Receipt, before.AuditRecords),
            (view.Status, view.ChipId, view.CardId, view.Receipt, view.AuditRecords));
    }

    /// <summary>Opens a renewal on <paramref name="chip"/> and runs it up to the final relay (the chip has run the last batch).</summary>
    private async Task<(string SessionId, int Seq, List<string> Responses)> ReachFinalAsync(string token, SoftSecureElement chip, string memberId, string code)
    {
        var (session, first) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, code);
        Assert.True(first.Card!.Renewal);
        var second = await fixture.Client.RelayAsync(token, session.SessionId, first.Seq, ProvisioningRunner.RelayToChip(chip, first), Ct);
        return (session.SessionId, second.Seq, ProvisioningRunner.RelayToChip(chip, second));
    }

    private ICardGrain Card(string issuerId, string cardRef) => fixture.Grains.GetGrain<ICardGrain>(CardKey.For(issuerId, cardRef));

    private async Task<RenewedCard> RenewAsync(string issuerId, string memberId)
    {
        using var response = await fixture.Simulator.PostAsync($"admin/issuers/{issuerId}/members/{memberId}/card/renew", null, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RenewedCard>(Ct))!;
    }

    private Task<Notice> NoticeAsync(string issuerId, string messageId) => FindNoticeAsync(issuerId, n => n.MessageId == messageId);

    private Task<Notice> NoticeOfCardAsync(string issuerId, string cardId) => FindNoticeAsync(issuerId, n => n.CardId == cardId && n.Kind == "complete");

    /// <summary>Waits until the issuer received a matching notice (delivered from the card's outbox after the answer).</summary>
    private async Task<Notice> FindNoticeAsync(string issuerId, Func<Notice, bool> match)
    {
        Notice? found = null;
        await Eventually.TrueAsync(async () =>
        {
            var notices = await fixture.Simulator.GetFromJsonAsync<Notice[]>($"admin/issuers/{issuerId}/notifications", Ct);
            found = notices!.FirstOrDefault(match);
            return found is not null;
        });
        return found!;
    }

    private sealed record RenewedCard(string CardRef, string Last4, string Expiry, string AccessCode);

    private sealed record Notice(string Kind, string MessageId, string CardRef, string? ChipId, string? CardId);
}
