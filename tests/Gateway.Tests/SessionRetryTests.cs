using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>Retried steps: a final step whose durable write failed, and steps of a session that has ended.</summary>
public sealed class SessionRetryTests(StorageFaultFixture fixture) : IClassFixture<StorageFaultFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FinalRelay_ActivationWriteFails_503ThenIdenticalRetryAnswersDone_CardActiveOnce(bool writeLanded)
    {
        var ct = TestContext.Current.CancellationToken;
        var final = await FinalStep.ReachAsync(fixture);

        // Landed: storage commits, the answer is lost and the client's own retry finds the row changed.
        fixture.Faults.FailWrites(writeLanded ? 1 : 100, afterCommit: writeLanded);
        var failed = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.RelayAsync(final.Token, final.SessionId, final.Seq, final.Responses, ct));
        fixture.Faults.Heal();
        Assert.Equal(503, failed.Status);
        Assert.EndsWith("/storage-unavailable", failed.Type);
        Assert.NotNull(failed.RetryAfter);

        var done = await fixture.Client.RelayAsync(final.Token, final.SessionId, final.Seq, final.Responses, ct);
        Assert.True(done.Done);
        Assert.Equal("active", done.Result!.Status);
        Assert.Equal(final.Chip.Cards.Single().CardId, done.Result.CardId);
        var card = await CardOfAsync(final.SessionId);
        Assert.Equal(CardStatus.Active, (await card.GetAsync()).Status);
        Assert.Single((await card.GetAuditAsync()).Records, r => r.Event == "activated");
    }

    [Fact]
    public async Task FinalAnswerFailsVerification_UnconfirmedWriteFails_422_CardStillEndsUnconfirmedOnItsChip()
    {
        var ct = TestContext.Current.CancellationToken;
        var final = await FinalStep.ReachAsync(fixture);
        var card = await CardOfAsync(final.SessionId);

        fixture.Faults.FailWrites(100, afterCommit: false);
        var failed = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.RelayAsync(final.Token, final.SessionId, final.Seq, final.Tampered(), ct));
        fixture.Faults.Heal();
        Assert.Equal(422, failed.Status);

        // Nobody ends the lease now: when it runs out, the card settles it itself (the outbox reminder's work).
        fixture.Clock.Advance(TimeSpan.FromMinutes(12));
        await card.DeliverNotificationsAsync();
        var view = await card.GetAsync();
        Assert.Equal((CardStatus.Unconfirmed, final.Chip.ChipId, final.Chip.Cards.Single().CardId), (view.Status, view.ChipId, view.CardId));
    }

    [Fact]
    public async Task AbortedSession_RetriedAuthenticate_409SessionClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var (session, _) = await OpenAndAuthenticateAsync(fixture.Client, token, GatewayFixture.NewChip(), memberId, code);
        await fixture.Client.AbortAsync(token, session.SessionId, ct);

        AssertClosed(await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.AuthenticateAsync(token, session.SessionId, 0, memberId, code, ct)));
    }

    [Fact]
    public async Task FailedSession_RetriedEarlierRelay_409SessionClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        var final = await FinalStep.ReachAsync(fixture);
        var tampered = final.Tampered();
        var failed = await Assert.ThrowsAsync<GatewayProblemException>(() => fixture.Client.RelayAsync(final.Token, final.SessionId, final.Seq, tampered, ct));
        Assert.Equal(422, failed.Status);

        AssertClosed(await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.RelayAsync(final.Token, final.SessionId, final.FirstSeq, final.FirstResponses, ct)));
        AssertClosed(await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.RelayAsync(final.Token, final.SessionId, final.Seq, tampered, ct)));
    }

    [Fact]
    public async Task ActiveSession_RetriedEarlierSteps_409SessionClosed_RetriedFinalStepAnswersDone()
    {
        var ct = TestContext.Current.CancellationToken;
        var final = await FinalStep.ReachAsync(fixture);
        var done = await fixture.Client.RelayAsync(final.Token, final.SessionId, final.Seq, final.Responses, ct);

        AssertClosed(await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.AuthenticateAsync(final.Token, final.SessionId, 0, final.MemberId, final.Code, ct)));
        AssertClosed(await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.RelayAsync(final.Token, final.SessionId, final.FirstSeq, final.FirstResponses, ct)));
        Assert.Equal(done.Result, (await fixture.Client.RelayAsync(final.Token, final.SessionId, final.Seq, final.Responses, ct)).Result);
    }

    private static void AssertClosed(GatewayProblemException e)
    {
        Assert.Equal(409, e.Status);
        Assert.EndsWith("/session-closed", e.Type);
    }

    private async Task<ICardGrain> CardOfAsync(string sessionId)
    {
        var details = await fixture.Grains.GetGrain<ITerminalSessionGrain>(Guid.Parse(sessionId)).GetDetailsAsync();
        return fixture.Grains.GetGrain<ICardGrain>(CardKey.For("demo-card", details.CardRef!));
    }
}
