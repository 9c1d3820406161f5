using WalletGateway.Grains;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>One card is never on two chips: active cards and cards being written are refused elsewhere.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CardExclusivityTests(GatewayFixture fixture)
{
    [Fact]
    public async Task SecondChip_ActiveCard_409CardActive()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code, ct: TestContext.Current.CancellationToken);

        var secondChip = GatewayFixture.NewChip();
        var newCode = await fixture.NewAccessCodeAsync(memberId);
        var refused = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(fixture.Client, secondChip).ProvisionAsync(token, "demo-card", memberId, newCode, ct: TestContext.Current.CancellationToken));
        Assert.Equal(409, refused.Status);
        Assert.EndsWith("/card-active", refused.Type);
        Assert.Empty(secondChip.Cards);
    }

    [Fact]
    public async Task SecondChip_CardBeingWritten_409CardBusyAndFirstStillCompletes()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var firstChip = GatewayFixture.NewChip();
        var (first, firstStep) = await OpenAndAuthenticateAsync(fixture.Client, token, firstChip, memberId, code);

        var newCode = await fixture.NewAccessCodeAsync(memberId);
        var secondChip = GatewayFixture.NewChip();
        var otherDevice = await fixture.RegisterDeviceAsync();
        var second = await fixture.Client.OpenSessionAsync(otherDevice, "demo-card", secondChip.ChipId, TestContext.Current.CancellationToken);
        var busy = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.AuthenticateAsync(otherDevice, second.SessionId, 0, memberId, newCode, TestContext.Current.CancellationToken));
        Assert.Equal(409, busy.Status);
        Assert.EndsWith("/card-busy", busy.Type);
        // Its identical retry is refused for the same reason, not as a used code: the issuer's answer was kept.
        var again = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.AuthenticateAsync(otherDevice, second.SessionId, 0, memberId, newCode, TestContext.Current.CancellationToken));
        Assert.Equal(409, again.Status);
        Assert.EndsWith("/card-busy", again.Type);

        var step = firstStep;
        while (!step.Done)
        {
            step = await fixture.Client.RelayAsync(token, first.SessionId, step.Seq, ProvisioningRunner.RelayToChip(firstChip, step), TestContext.Current.CancellationToken);
        }

        Assert.Equal("active", step.Result!.Status);
        Assert.Single(firstChip.Cards);
        Assert.Empty(secondChip.Cards);
    }

    [Fact]
    public async Task FinalResponseTampered_ChipMayHoldCard_OtherChip409SameChipMayRewrite()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var (session, first) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, code);
        var second = await fixture.Client.RelayAsync(token, session.SessionId, 1, ProvisioningRunner.RelayToChip(chip, first));
        var responses = ProvisioningRunner.RelayToChip(chip, second);
        var last = SecureChannel.Hex.Parse(responses[^1]);
        last[0] ^= 0x80; // the receipt's encrypted first byte: the R-MAC no longer verifies
        responses[^1] = SecureChannel.Hex.Format(last);

        var refused = await Assert.ThrowsAsync<GatewayProblemException>(() => fixture.Client.RelayAsync(token, session.SessionId, 2, responses));
        Assert.Equal(422, refused.Status);
        Assert.Single(chip.Cards); // the chip did store it: the gateway cannot know, so it must assume so

        var otherChip = GatewayFixture.NewChip();
        var elsewhere = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(fixture.Client, otherChip).ProvisionAsync(token, "demo-card", memberId, code));
        Assert.Equal(401, elsewhere.Status); // the code was used; a new one still cannot move the card
        var newCode = await fixture.NewAccessCodeAsync(memberId);
        elsewhere = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(fixture.Client, otherChip).ProvisionAsync(token, "demo-card", memberId, newCode));
        Assert.Equal(409, elsewhere.Status);
        Assert.Empty(otherChip.Cards);

        var again = await new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId));
        Assert.Equal("active", again.Status);
        Assert.Equal(chip.Cards.Single().CardId, again.CardId);
    }

    [Fact]
    public async Task TwoSessions_RacingWithOneCode_ExactlyOneWins()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var chips = Enumerable.Range(0, 2).Select(_ => GatewayFixture.NewChip()).ToArray();
        var tokens = await Task.WhenAll(fixture.RegisterDeviceAsync(), fixture.RegisterDeviceAsync());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            try
            {
                return (await new ProvisioningRunner(fixture.Client, chips[i]).ProvisionAsync(tokens[i], "demo-card", memberId, code)).Status;
            }
            catch (GatewayProblemException e)
            {
                return e.Status.ToString();
            }
        }));

        Assert.Single(outcomes, o => o == "active");
        Assert.Single(outcomes, o => o is "401" or "409");
        Assert.Equal(1, chips.Sum(c => c.Cards.Count));
    }

    [Fact]
    public async Task CardLease_ManyConcurrentSessions_ExactlyOneGranted()
    {
        var card = fixture.Grains.GetGrain<ICardGrain>(CardKey.For("demo-card", "race-" + Guid.NewGuid().ToString("N")));
        var until = fixture.Clock.GetUtcNow().AddMinutes(5);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await card.AcquireLeaseAsync(Guid.NewGuid(), $"{i:D20}", until, "test-device");
                return true;
            }
            catch (GatewayException e) when (e.Error == GatewayError.CardBusy)
            {
                return false;
            }
        }));

        Assert.Single(attempts, granted => granted);
        // The lease is held in the card's memory until card data is about to go out: nothing was written yet.
        Assert.Equal(CardStatus.Unprovisioned, (await card.GetAsync()).Status);
    }
}
