using System.Net.Http.Json;

namespace WalletGateway.Gateway.Tests;

/// <summary>Issuer notifications come from the card's outbox: recorded with the change, retried until acknowledged, across restarts.</summary>
[Collection(OperatorCollection.Name)]
public sealed class NotificationTests(OperatorFixture fixture)
{
    [Fact]
    public async Task Notices_IssuerDownForAWhile_EveryNoticeArrivesExactlyOnceInEffect()
    {
        var cards = new List<(string CardRef, string CardId)>();
        for (var i = 0; i < 3; i++)
        {
            var (chip, result, _, _) = await fixture.ProvisionAsync();
            cards.Add((await fixture.CardRefOnChipAsync(chip.ChipId), result.CardId));
        }

        await SetDownAsync(true);
        try
        {
            await ChangeAsync(cards[0].CardRef, "suspend");
            await ChangeAsync(cards[0].CardRef, "resume");
            await ChangeAsync(cards[1].CardRef, "delete");
            await ChangeAsync(cards[2].CardRef, "suspend");
            // Several delivery attempts fail while the issuer is down; the notices stay pending.
            Assert.Equal(2, await PendingAsync(cards[0].CardRef));
        }
        finally
        {
            await SetDownAsync(false);
        }

        await Eventually.TrueAsync(async () =>
        {
            foreach (var (cardRef, _) in cards)
            {
                if (await PendingAsync(cardRef) != 0)
                {
                    return false;
                }
            }

            return true;
        });
        var received = await fixture.NotificationsAsync("demo-card");
        string[] KindsOf(string cardRef) => [.. received.Where(n => n.CardRef == cardRef).Select(n => n.Kind)];
        // Distinct message ids in the order the changes happened: each change once, however often it was sent.
        Assert.Equal(["complete", "suspend", "resume"], KindsOf(cards[0].CardRef));
        Assert.Equal(["complete", "delete"], KindsOf(cards[1].CardRef));
        Assert.Equal(["complete", "suspend"], KindsOf(cards[2].CardRef));
        Assert.All(received.Where(n => n.CardRef == cards[0].CardRef && n.Kind == "suspend"), n => Assert.Equal("lost-phone", n.Reason));
    }

    [Fact]
    public async Task Notice_PendingWhenGatewayRestarts_DeliveredAfterRestartByTheSweep()
    {
        var (chip, _, _, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        await SetDownAsync(true);
        try
        {
            await ChangeAsync(cardRef, "suspend");
            Assert.Equal(1, await PendingAsync(cardRef));
            await fixture.RestartGatewayAsync();
        }
        finally
        {
            await SetDownAsync(false);
        }

        // Nobody calls the card after the restart: only the sweep, which finds its pending-work marker, can wake it.
        await Eventually.TrueAsync(async () => (await fixture.NotificationsAsync("demo-card")).Any(n => n.CardRef == cardRef && n.Kind == "suspend"),
            TimeSpan.FromSeconds(60));
        Assert.Single(await fixture.NotificationsAsync("demo-card"), n => n.CardRef == cardRef && n.Kind == "suspend");
    }

    [Fact]
    public async Task Notices_LegacyIssuer_CompleteAndSuspendArriveThroughTheLegacyProtocol()
    {
        var (chip, result, _, _) = await fixture.ProvisionAsync("sample-bank");
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId, "sample-bank");
        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/sample-bank/{cardRef}/suspend", new { reason = "lost-phone", requestedBy = "member" });

        await Eventually.TrueAsync(async () => (await fixture.NotificationsAsync("sample-bank")).Count(n => n.CardRef == cardRef) == 2);
        var received = (await fixture.NotificationsAsync("sample-bank")).Where(n => n.CardRef == cardRef).ToList();
        Assert.Equal(["complete", "suspend"], received.Select(n => n.Kind));
        Assert.Equal(result.CardId, received[0].CardId);
        Assert.Equal(chip.ChipId, received[0].ChipId);
    }

    private async Task ChangeAsync(string cardRef, string change)
    {
        var (status, _, _) = await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/{change}", new { reason = "lost-phone", requestedBy = "member" });
        Assert.Equal(200, status);
    }

    private async Task<int> PendingAsync(string cardRef) =>
        (await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}")).Body.GetProperty("pendingNotifications").GetInt32();

    private async Task SetDownAsync(bool down)
    {
        var response = down
            ? await fixture.Simulator.PostAsJsonAsync("admin/faults", new { issuerId = "demo-card", down = true })
            : await fixture.Simulator.DeleteAsync("admin/faults/demo-card");
        response.EnsureSuccessStatusCode();
    }
}
