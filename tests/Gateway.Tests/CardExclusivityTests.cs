using WalletGateway.Grains;
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

        var step = firstStep;
        while (!step.Done)
        {
            step = await fixture.Client.RelayAsync(token, first.SessionId, step.Seq, RunOnChip(firstChip, step.Apdus), TestContext.Current.CancellationToken);
        }

        Assert.Equal("active", step.Result!.Status);
        Assert.Single(firstChip.Cards);
        Assert.Empty(secondChip.Cards);
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
                await card.AcquireLeaseAsync(Guid.NewGuid(), $"{i:D20}", until);
                return true;
            }
            catch (GatewayException e) when (e.Error == GatewayError.CardBusy)
            {
                return false;
            }
        }));

        Assert.Single(attempts, granted => granted);
        Assert.Equal(CardStatus.Provisioning, (await card.GetAsync()).Status);
    }
}
