using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>Devices through the operator API: their live sessions, the cards they wrote, revocation.</summary>
[Collection(OperatorCollection.Name)]
public sealed class AdminDeviceTests(OperatorFixture fixture)
{
    /// <summary>Every operator route of a device: method and what follows <c>/admin/devices/{deviceId}</c>.</summary>
    public static TheoryData<string, string> DeviceRoutes => new() { { "GET", "" }, { "GET", "/sessions" }, { "GET", "/cards" }, { "POST", "/revoke" } };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sessions_ListedWhileLiveWithIssuerChipCardAndExpiry_GoneOnceEnded()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", chip.ChipId, Ct);
        await fixture.Client.AuthenticateAsync(token, session.SessionId, 0, memberId, code, Ct);

        var listed = Assert.Single((await SessionsAsync(DeviceOf(token))).EnumerateArray());

        Assert.Equal(session.SessionId, listed.GetProperty("sessionId").GetString());
        Assert.Equal("authenticated", listed.GetProperty("state").GetString());
        Assert.Equal("demo-card", listed.GetProperty("issuerId").GetString());
        Assert.Equal(chip.ChipId, listed.GetProperty("chipId").GetString());
        Assert.StartsWith("CR-", listed.GetProperty("cardRef").GetString());
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("cardId").GetString()));
        Assert.True(listed.GetProperty("expiresAt").GetDateTimeOffset() > fixture.Clock.GetUtcNow());
        Assert.Equal(1, (await fixture.AdminAsync(HttpMethod.Get, $"admin/devices/{DeviceOf(token)}")).Body.GetProperty("openSessions").GetInt32());

        await fixture.Client.AbortAsync(token, session.SessionId, Ct);
        Assert.Empty((await SessionsAsync(DeviceOf(token))).EnumerateArray());

        // A finished provisioning is not live either.
        var (_, _, provisioned, _) = await fixture.ProvisionAsync();
        Assert.Empty((await SessionsAsync(DeviceOf(provisioned))).EnumerateArray());
    }

    [Fact]
    public async Task Cards_AfterProvisioningThenDeleteThenWrittenByAnotherDevice_ListedWithTheirStatusNow()
    {
        var (chip, result, token, memberId) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        var first = DeviceOf(token);

        var card = await SingleCardAsync(first, c => c.GetProperty("status").GetString() == "active");
        Assert.Equal(("demo-card", cardRef, result.CardId, chip.ChipId), Identity(card));
        Assert.True(card.GetProperty("onThisChip").GetBoolean());

        // Deleted: still a card this device wrote, shown as it is now (off its chip).
        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/delete", new { reason = "lost-phone", requestedBy = "member" });
        card = await SingleCardAsync(first, c => c.GetProperty("status").GetString() == "deleted");
        Assert.False(card.GetProperty("onThisChip").GetBoolean());

        // Resumed and written by another device to another chip: each device lists what it wrote; only the second's is there now.
        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/resume", new { reason = "new-phone", requestedBy = "operator" });
        var secondToken = await fixture.RegisterDeviceAsync();
        var secondChip = GatewayFixture.NewChip();
        var again = await new ProvisioningRunner(fixture.Client, secondChip).ProvisionAsync(
            secondToken, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId), ct: Ct);
        var moved = await SingleCardAsync(DeviceOf(secondToken), c => c.GetProperty("status").GetString() == "active");
        Assert.Equal(("demo-card", cardRef, again.CardId, secondChip.ChipId), Identity(moved));
        Assert.True(moved.GetProperty("onThisChip").GetBoolean());
        card = await SingleCardAsync(first, c => c.GetProperty("status").GetString() == "active");
        Assert.Equal(("demo-card", cardRef, result.CardId, chip.ChipId), Identity(card));
        Assert.False(card.GetProperty("onThisChip").GetBoolean());
    }

    [Fact]
    public async Task Cards_DeviceThatWroteNone_EmptyList()
    {
        var token = await fixture.RegisterDeviceAsync();
        var (status, body, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/devices/{DeviceOf(token)}/cards");
        Assert.Equal(200, status);
        Assert.Empty(body.EnumerateArray());
    }

    [Fact]
    public async Task Revoke_TokenRefusedAtOnceOnBothFrontends_LiveSessionAbortedAndItsCardFreeAgain()
    {
        await using var second = await fixture.StartSecondGatewayAsync();
        using var secondHttp = new HttpClient { BaseAddress = GatewayFixture.AddressOf(second) };
        var (memberId, code) = await fixture.CreateMemberAsync();
        // Registered through the second frontend: the device's grain lives on the other silo than the operator's call.
        var token = (await new GatewayClient(secondHttp).RegisterDeviceAsync("phone", "1", Ct)).DeviceToken;
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId, Ct);
        await fixture.Client.AuthenticateAsync(token, session.SessionId, 0, memberId, code, Ct);
        using (var before = await CardsOfChipAsync(secondHttp, token))
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, before.StatusCode);
        }

        var (status, _, _) = await fixture.AdminAsync(HttpMethod.Post, $"admin/devices/{DeviceOf(token)}/revoke");

        Assert.Equal(204, status);
        foreach (var http in new[] { fixture.Gateway, secondHttp })
        {
            using var refused = await CardsOfChipAsync(http, token);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("invalid-device-token", await refused.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal("aborted", (await fixture.AdminAsync(HttpMethod.Get, $"admin/sessions/{session.SessionId}")).Body.GetProperty("state").GetString());
        Assert.Empty((await SessionsAsync(DeviceOf(token))).EnumerateArray());
        var device = (await fixture.AdminAsync(HttpMethod.Get, $"admin/devices/{DeviceOf(token)}")).Body;
        Assert.Equal(JsonValueKind.String, device.GetProperty("revokedAt").ValueKind);
        // The lease was given back: another device writes the card now, not after the revoked session's expiry.
        var other = await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(
            await fixture.RegisterDeviceAsync(), "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId), ct: Ct);
        Assert.Equal("active", other.Status);
        Assert.Equal(204, (await fixture.AdminAsync(HttpMethod.Post, $"admin/devices/{DeviceOf(token)}/revoke")).Status);
    }

    [Theory]
    [MemberData(nameof(DeviceRoutes))]
    public async Task DeviceRoutes_UnknownOrMalformedDevice_404DeviceNotFound(string method, string route)
    {
        foreach (var deviceId in new[] { Guid.NewGuid().ToString("N"), "not-a-device" })
        {
            var (status, body, _) = await fixture.AdminAsync(new HttpMethod(method), $"admin/devices/{deviceId}{route}");
            Assert.Equal(404, status);
            Assert.Equal("https://walletgateway.dev/problems/device-not-found", body.GetProperty("type").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(DeviceRoutes))]
    public async Task DeviceRoutes_WithoutOperatorKey_401AndDeviceNotRevoked(string method, string route)
    {
        var token = await fixture.RegisterDeviceAsync();

        var (status, body, _) = await fixture.AdminAsync(new HttpMethod(method), $"admin/devices/{DeviceOf(token)}{route}", apiKey: null);

        Assert.Equal(401, status);
        Assert.Equal("https://walletgateway.dev/problems/invalid-api-key", body.GetProperty("type").GetString());
        using var stillValid = await CardsOfChipAsync(fixture.Gateway, token);
        Assert.NotEqual(HttpStatusCode.Unauthorized, stillValid.StatusCode);
    }

    private static string DeviceOf(string token) => token[..32];

    private static (string?, string?, string?, string?) Identity(JsonElement card) => (card.GetProperty("issuerId").GetString(),
        card.GetProperty("cardRef").GetString(), card.GetProperty("cardId").GetString(), card.GetProperty("chipId").GetString());

    private async Task<JsonElement> SessionsAsync(string deviceId)
    {
        var (status, body, text) = await fixture.AdminAsync(HttpMethod.Get, $"admin/devices/{deviceId}/sessions");
        Assert.True(status == 200, text);
        return body;
    }

    /// <summary>The device's one card once it matches (its index row is written after the answer, grouped).</summary>
    private async Task<JsonElement> SingleCardAsync(string deviceId, Func<JsonElement, bool> matches)
    {
        JsonElement[] cards = [];
        await Eventually.TrueAsync(async () =>
        {
            var (status, body, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/devices/{deviceId}/cards");
            cards = status == 200 ? [.. body.EnumerateArray()] : [];
            return cards.Length == 1 && matches(cards[0]);
        });
        return Assert.Single(cards);
    }

    private static async Task<HttpResponseMessage> CardsOfChipAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/cards?chipId=00112233445566778899");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, Ct);
    }
}
