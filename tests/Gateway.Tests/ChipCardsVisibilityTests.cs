using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary><c>GET /v1/cards?chipId=</c> shows a chip's cards only to the device that wrote them.</summary>
[Collection(OperatorCollection.Name)]
public sealed class ChipCardsVisibilityTests(OperatorFixture fixture)
{
    [Fact]
    public async Task ChipCards_AnotherDevice_Gets404_TheWriterSeesItsCard()
    {
        var (chip, result, token, _) = await fixture.ProvisionAsync();
        Assert.Equal("active", result.Status);
        await fixture.CardRefOnChipAsync(chip.ChipId);
        var mine = await fixture.Client.ListChipCardsAsync(token, chip.ChipId, TestContext.Current.CancellationToken);
        Assert.Equal(result.CardId, Assert.Single(mine).CardId);

        var other = await fixture.RegisterDeviceAsync();
        var refused = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.ListChipCardsAsync(other, chip.ChipId, TestContext.Current.CancellationToken));
        Assert.Equal(404, refused.Status);
    }
}
