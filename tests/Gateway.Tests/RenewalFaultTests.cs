using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;
using ProvisioningResult = WalletGateway.Terminal.Protocol.ProvisioningResult;

namespace WalletGateway.Gateway.Tests;

/// <summary>A renewal whose durable "card data out" write fails: retried, it goes on; abandoned, the card stays active with its old data.</summary>
public sealed class RenewalFaultTests(StorageFaultFixture fixture) : IClassFixture<StorageFaultFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Renewal_CardDataOutWriteFails_503ThenIdenticalRetryGoesOn_RenewedOnce(bool writeLanded)
    {
        var (chip, first, token, cardRef, session, step) = await RenewalAuthenticatedAsync();
        var responses = ProvisioningRunner.RelayToChip(chip, step);

        fixture.Faults.FailWrites(writeLanded ? 1 : 100, afterCommit: writeLanded);
        var failed = await Assert.ThrowsAsync<GatewayProblemException>(() => fixture.Client.RelayAsync(token, session, step.Seq, responses, Ct));
        fixture.Faults.Heal();
        Assert.Equal(503, failed.Status);
        Assert.EndsWith("/storage-unavailable", failed.Type);

        var next = await fixture.Client.RelayAsync(token, session, step.Seq, responses, Ct);
        var done = await fixture.Client.RelayAsync(token, session, next.Seq, ProvisioningRunner.RelayToChip(chip, next), Ct);

        Assert.Equal(("active", first.CardId), (done.Result!.Status, done.Result.CardId));
        var card = fixture.Grains.GetGrain<ICardGrain>(CardKey.For("demo-card", cardRef));
        var view = await card.GetAsync();
        Assert.Equal((CardStatus.Active, chip.Cards.Single().Receipt), (view.Status, view.Receipt));
        Assert.Single((await card.GetAuditAsync()).Records, r => r.Event == "renewed");
    }

    [Fact]
    public async Task Renewal_CardDataOutWriteLandedAnswerLost_SessionAborted_CardActiveWithItsOldData()
    {
        var (chip, first, token, cardRef, session, step) = await RenewalAuthenticatedAsync();
        var before = chip.Cards.Single();
        var responses = ProvisioningRunner.RelayToChip(chip, step);

        fixture.Faults.FailWrites(1, afterCommit: true);
        var failed = await Assert.ThrowsAsync<GatewayProblemException>(() => fixture.Client.RelayAsync(token, session, step.Seq, responses, Ct));
        fixture.Faults.Heal();
        Assert.Equal(503, failed.Status);
        await fixture.Client.AbortAsync(token, session, Ct);

        // The stored lease said card data went out, but the last block never reached the terminal: the chip has the old card.
        var card = fixture.Grains.GetGrain<ICardGrain>(CardKey.For("demo-card", cardRef));
        var view = await card.GetAsync();
        Assert.Equal((CardStatus.Active, chip.ChipId, first.CardId, before.Receipt), (view.Status, view.ChipId, view.CardId, view.Receipt));
        Assert.Equal(before, chip.Cards.Single());
        var last = (await card.GetAuditAsync()).Records[^1];
        Assert.Equal(("released", "aborted-by-terminal"), (last.Event, last.Reason));
    }

    /// <summary>A provisioned card renewed by its issuer, a renewal session authenticated on its chip, the background writes settled.</summary>
    private async Task<(SoftSecureElement Chip, ProvisioningResult First, string Token, string CardRef, string SessionId, Contracts.SessionStepResponse Step)>
        RenewalAuthenticatedAsync()
    {
        var (chip, first, token, memberId) = await fixture.ProvisionAsync();
        using var response = await fixture.Simulator.PostAsync($"admin/issuers/demo-card/members/{memberId}/card/renew", null, Ct);
        var renewal = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<RenewedCard>(Ct))!;
        // The first write's chip index row and marker removal go first, so the injected fault meets the renewal's own write.
        await InstrumentRecorder.WritesSettledAsync(fixture.GatewayServices.GetRequiredService<IMeterFactory>(), TimeSpan.FromSeconds(6));
        var (session, step) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, renewal.AccessCode);
        Assert.True(step.Card!.Renewal);
        return (chip, first, token, renewal.CardRef, session.SessionId, step);
    }

    private sealed record RenewedCard(string CardRef, string Last4, string Expiry, string AccessCode);
}
