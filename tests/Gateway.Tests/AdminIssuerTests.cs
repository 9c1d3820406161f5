using System.Net.Http.Json;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>The operator API's key and its issuer management: onboarding, changes, disabling, secrets write-only.</summary>
[Collection(OperatorCollection.Name)]
public sealed class AdminIssuerTests(OperatorFixture fixture)
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Admin_MissingOrWrongApiKey_401Problem(string? key)
    {
        var (status, body, _) = await fixture.AdminAsync(HttpMethod.Get, "admin/issuers", apiKey: key);

        Assert.Equal(401, status);
        Assert.Equal("https://walletgateway.dev/problems/invalid-api-key", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Issuers_Listed_LimitsAndLiveValuesShownSecretsNever()
    {
        await fixture.ProvisionAsync();

        var (status, body, text) = await fixture.AdminAsync(HttpMethod.Get, "admin/issuers");

        Assert.Equal(200, status);
        var demo = body.EnumerateArray().Single(i => i.GetProperty("issuerId").GetString() == "demo-card");
        Assert.Equal("Json", demo.GetProperty("protocol").GetString());
        Assert.Equal(32, demo.GetProperty("limits").GetProperty("maxConcurrentCalls").GetInt32());
        Assert.True(demo.GetProperty("live").GetProperty("currentLimit").GetInt32() >= 1);
        Assert.Equal("Legacy", body.EnumerateArray().Single(i => i.GetProperty("issuerId").GetString() == "sample-bank").GetProperty("protocol").GetString());
        Assert.DoesNotContain("dev-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NewIssuer_OnboardedThroughAdmin_UnchangedTerminalProvisionsAtOnce()
    {
        var id = "new-bank-" + Guid.NewGuid().ToString("N")[..6];
        var secret = "new-bank-secret-" + Guid.NewGuid().ToString("N")[..6];
        (await fixture.Simulator.PostAsJsonAsync("admin/issuers",
            new { id, displayName = "New Bank", username = "gw", password = secret, cardPrefix = "411111", cardValidityYears = 3 })).EnsureSuccessStatusCode();

        var (status, _, text) = await fixture.AdminAsync(HttpMethod.Post, "admin/issuers", new
        {
            issuerId = id, displayName = "New Bank", protocol = "Legacy",
            baseUrl = new Uri(fixture.SimulatorUri, $"issuers/{id}/").ToString(), username = "gw", password = secret, maxConcurrentCalls = 8,
        });

        Assert.Equal(201, status);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var issuers = await fixture.Client.ListIssuersAsync();
        Assert.Contains(issuers, i => i.IssuerId == id && i.DisplayName == "New Bank");
        var (chip, result, _, _) = await fixture.ProvisionAsync(id);
        Assert.Equal("active", result.Status);
        Assert.Equal(id, Assert.Single(chip.Cards).IssuerId);
        await Eventually.TrueAsync(async () => (await fixture.NotificationsAsync(id)).Any(n => n.Kind == "complete" && n.CardId == result.CardId));
        Assert.Equal(409, (await fixture.AdminAsync(HttpMethod.Post, "admin/issuers", new
        {
            issuerId = id, displayName = "Again", baseUrl = "http://127.0.0.1:1/", username = "x", password = "y",
        })).Status);
    }

    [Fact]
    public async Task Issuer_DisabledThenEnabled_HiddenAndRefusedThenUsableAgain()
    {
        var id = "toggle-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(201, (await fixture.AdminAsync(HttpMethod.Post, "admin/issuers", new
        {
            issuerId = id, displayName = "Toggle", baseUrl = new Uri(fixture.SimulatorUri, "issuers/demo-card/").ToString(),
            username = "walletgateway", password = "demo-card-dev-secret",
        })).Status);

        var (status, body, _) = await fixture.AdminAsync(HttpMethod.Post, $"admin/issuers/{id}/disable");

        Assert.Equal(200, status);
        Assert.False(body.GetProperty("enabled").GetBoolean());
        Assert.DoesNotContain(await fixture.Client.ListIssuersAsync(), i => i.IssuerId == id);
        var token = await fixture.RegisterDeviceAsync();
        var refused = await Assert.ThrowsAsync<GatewayProblemException>(() => fixture.Client.OpenSessionAsync(token, id, GatewayFixture.NewChip().ChipId));
        Assert.EndsWith("/unknown-issuer", refused.Type);

        Assert.Equal(200, (await fixture.AdminAsync(HttpMethod.Post, $"admin/issuers/{id}/enable")).Status);
        Assert.Contains(await fixture.Client.ListIssuersAsync(), i => i.IssuerId == id);
    }

    [Fact]
    public async Task Issuer_ChangedWithBadValues_400AndUnknown404()
    {
        var (status, body, _) = await fixture.AdminAsync(HttpMethod.Patch, "admin/issuers/demo-card", new { baseUrl = "not a url", protocol = "Carrier-Pigeon" });

        Assert.Equal(400, status);
        Assert.Contains("Protocol", body.GetProperty("detail").GetString());
        Assert.Equal(404, (await fixture.AdminAsync(HttpMethod.Patch, "admin/issuers/no-such-issuer", new { displayName = "x" })).Status);
        Assert.Equal("Json", (await fixture.AdminAsync(HttpMethod.Get, "admin/issuers/demo-card")).Body.GetProperty("protocol").GetString());
    }
}
