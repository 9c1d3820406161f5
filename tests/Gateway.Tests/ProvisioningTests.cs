using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains;
using WalletGateway.Grains.Cards;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class ProvisioningTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Provision_ThroughHttp_CardActiveOnChipAndDurable()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();

        var issuers = await fixture.Client.ListIssuersAsync(TestContext.Current.CancellationToken);
        Assert.Contains(issuers, i => i.IssuerId == "demo-card");
        var result = await new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, "demo-card", memberId, code, ct: TestContext.Current.CancellationToken);

        Assert.Equal("active", result.Status);
        var stored = Assert.Single(chip.Cards);
        Assert.Equal(result.CardId, stored.CardId);
        Assert.Equal("demo-card", stored.IssuerId);
        Assert.Equal(result.Card!.Last4, stored.Last4);
        var session = await fixture.Client.GetSessionAsync(token, result.SessionId, TestContext.Current.CancellationToken);
        Assert.Equal("active", session.State);
    }

    [Fact]
    public async Task Provision_OneCard_TwoStateWritesOnTheTerminalPathFiveStorageWritesInAllAndFourRoundTrips()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        // Only this fixture's gateway: the fixtures of other collections write in parallel in the same process.
        var meters = fixture.GatewayServices.GetRequiredService<IMeterFactory>();
        await InstrumentRecorder.WritesSettledAsync(meters, TimeSpan.FromSeconds(6));
        using var writes = new InstrumentRecorder("walletgateway.storage.writes", meters);

        var result = await new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, "demo-card", memberId, code, ct: TestContext.Current.CancellationToken);
        string?[] onTerminalPath = [.. writes.Measurements.Select(m => m["grain"])];

        // The rest happens after the answer, grouped with other writes: the chip index row, the device index row (which
        // device wrote the card, for the operator: a partition of its own, so a batch of its own, shared with the other
        // cards of that device bucket queued within the same second), and the pending-work marker removed once the issuer
        // acknowledged the notice.
        await Eventually.TrueAsync(() => writes.Measurements.Count >= 5);
        writes.Dispose();

        Assert.Equal("active", result.Status);
        // Other tests of the collection run one at a time, so every write seen is this card's. The terminal waits for
        // two writes of the card's state, each one batch transaction with its audit record and marker: the lease, made
        // durable just before card data goes out (so a lease lost with its silo binds the card to its chip only after
        // that point), and the activation.
        Assert.Equal(2, onTerminalPath.Count(w => w == nameof(CardState)));
        Assert.Equal(
            [nameof(CardState), nameof(CardState), CardGrain.ChipIndexWrite, CardGrain.DeviceIndexWrite, CardGrain.MarkerRemoval],
            writes.Measurements.Select(m => m["grain"]).Order(StringComparer.Ordinal));
        // open + authenticate + relay (IU answer) + relay (script answers)
        Assert.Equal(4, result.RoundTrips);
    }

    [Fact]
    public async Task Card_AfterGatewayRestart_StillActiveOnSameChip()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var result = await new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, "demo-card", memberId, code, ct: TestContext.Current.CancellationToken);
        var cardRef = await CardRefOfAsync(result.CardId);

        await fixture.RestartGatewayAsync();

        var card = await fixture.Grains.GetGrain<ICardGrain>(CardKey.For("demo-card", cardRef)).GetAsync();
        Assert.Equal(CardStatus.Active, card.Status);
        Assert.Equal(chip.ChipId, card.ChipId);
        Assert.Equal(result.CardId, card.CardId);

        // The device registration survived too: the same token opens a session, and the card cannot be written again.
        var newCode = await fixture.NewAccessCodeAsync(memberId);
        var again = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, newCode, ct: TestContext.Current.CancellationToken));
        Assert.Equal(409, again.Status);
        Assert.EndsWith("/card-active", again.Type);
    }

    /// <summary>The issuer's record of the completion names the card reference of the gateway's card id.</summary>
    private async Task<string> CardRefOfAsync(string cardId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var notifications = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<Notification[]>(
                fixture.Simulator, "admin/issuers/demo-card/notifications", cts.Token);
            if (notifications!.FirstOrDefault(n => n.CardId == cardId && n.Kind == "complete") is { } found)
            {
                return found.CardRef;
            }

            await Task.Delay(50, cts.Token);
        }
    }

    private sealed record Notification(string Kind, string MessageId, string CardRef, string? CardId);
}
