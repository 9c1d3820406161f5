using System.Net.Http.Json;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// A notice the issuer refuses with a 4xx is retried a few times, then parked as a dead letter the operator sees on
/// the card; the card's later notices are delivered. (5xx and timeouts keep being retried: <see cref="NotificationTests"/>.)
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class OutboxDeadLetterTests(OperatorFixture fixture)
{
    [Fact]
    public async Task Notice_RefusedWith400_ParkedAfterFiveAttemptsAndLaterNoticeDelivered()
    {
        var id = await NewIssuerAsync();
        var (chip, _, _, _) = await fixture.ProvisionAsync(id);
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId, id);
        await Eventually.TrueAsync(async () => (await fixture.NotificationsAsync(id)).Any(n => n.CardRef == cardRef && n.Kind == "complete"));

        await SetRefusingAsync(id, true);
        try
        {
            await ChangeAsync(id, cardRef, "suspend");
            await Eventually.TrueAsync(async () => (await CardAsync(id, cardRef)).GetProperty("deadLetters").GetArrayLength() == 1);
        }
        finally
        {
            await SetRefusingAsync(id, false);
        }

        var card = await CardAsync(id, cardRef);
        Assert.Equal(0, card.GetProperty("pendingNotifications").GetInt32());
        var parked = card.GetProperty("deadLetters")[0];
        Assert.Equal("suspend", parked.GetProperty("kind").GetString());
        Assert.Equal(400, parked.GetProperty("status").GetInt32());
        Assert.Equal(5, parked.GetProperty("attempts").GetInt32());
        Assert.StartsWith("suspend-", parked.GetProperty("messageId").GetString());

        await ChangeAsync(id, cardRef, "resume");
        await Eventually.TrueAsync(async () => (await fixture.NotificationsAsync(id)).Any(n => n.CardRef == cardRef && n.Kind == "resume"));
        Assert.DoesNotContain(await fixture.NotificationsAsync(id), n => n.CardRef == cardRef && n.Kind == "suspend");
        Assert.Equal(0, (await CardAsync(id, cardRef)).GetProperty("pendingNotifications").GetInt32());
        // Five refused suspends and one resume: the parked notice was not sent again.
        Assert.Equal(6L, await LifecycleCallsAsync(id));
    }

    /// <summary>An issuer of its own in the simulator and in the gateway, so its faults touch no other test.</summary>
    private async Task<string> NewIssuerAsync()
    {
        var id = "refusing-" + Guid.NewGuid().ToString("N")[..6];
        var secret = "refusing-secret-" + Guid.NewGuid().ToString("N")[..6];
        (await fixture.Simulator.PostAsJsonAsync("admin/issuers",
            new { id, displayName = "Refusing Bank", username = "gw", password = secret, cardPrefix = "422222", cardValidityYears = 3 })).EnsureSuccessStatusCode();
        Assert.Equal(201, (await fixture.AdminAsync(HttpMethod.Post, "admin/issuers", new
        {
            issuerId = id, displayName = "Refusing Bank", baseUrl = new Uri(fixture.SimulatorUri, $"issuers/{id}/").ToString(), username = "gw", password = secret,
        })).Status);
        return id;
    }

    private async Task ChangeAsync(string issuerId, string cardRef, string change) =>
        Assert.Equal(200, (await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/{issuerId}/{cardRef}/{change}",
            new { reason = "lost-phone", requestedBy = "member" })).Status);

    private async Task<System.Text.Json.JsonElement> CardAsync(string issuerId, string cardRef) =>
        (await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/{issuerId}/{cardRef}")).Body;

    private async Task SetRefusingAsync(string issuerId, bool refusing)
    {
        using var response = refusing
            ? await fixture.Simulator.PostAsJsonAsync("admin/faults", new { issuerId, refuseNotices = 400 })
            : await fixture.Simulator.DeleteAsync($"admin/faults/{issuerId}");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Lifecycle notices (suspend, resume, delete) that reached the simulated issuer, refused or not.</summary>
    private async Task<long> LifecycleCallsAsync(string issuerId)
    {
        var stats = (await fixture.Simulator.GetFromJsonAsync<System.Text.Json.JsonElement>("admin/stats")).GetProperty("issuers").GetProperty(issuerId);
        long Count(string name) => stats.GetProperty(name).GetInt64();
        return Count("requests") - Count("authenticateRequests") - Count("completeRequests") - Count("abortRequests");
    }
}
