using System.Net.Http.Headers;
using System.Net.Http.Json;
using WalletGateway.Contracts;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>Cards through the operator API: lookups, suspend, resume, delete, and what the terminal then sees.</summary>
[Collection(OperatorCollection.Name)]
public sealed class AdminCardTests(OperatorFixture fixture)
{
    [Fact]
    public async Task Card_LookedUpByChipAndByReference_ShowsActiveCard()
    {
        var (chip, result, _, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);

        var (status, body, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}");

        Assert.Equal(200, status);
        Assert.Equal("active", body.GetProperty("status").GetString());
        Assert.Equal(result.CardId, body.GetProperty("cardId").GetString());
        Assert.Equal(chip.ChipId, body.GetProperty("chipId").GetString());
        Assert.Equal(404, (await fixture.AdminAsync(HttpMethod.Get, "admin/cards/demo-card/CR-NOSUCHCARD")).Status);
    }

    [Fact]
    public async Task Card_SuspendedThenResumed_TerminalSeesSuspendedAndCardCannotBeWrittenMeanwhile()
    {
        var (chip, _, token, memberId) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);

        var (status, body, _) = await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/suspend", new { reason = "lost-phone", requestedBy = "member" });

        Assert.Equal(200, status);
        Assert.Equal("suspended", body.GetProperty("status").GetString());
        Assert.Equal("member via operator:alice", body.GetProperty("changedBy").GetString());
        // Suspended for loss while on the chip: the chip's removal is pending (a remote wipe), until resumed.
        Assert.Equal("removal-pending", Assert.Single(await fixture.Client.ListChipCardsAsync(token, chip.ChipId)).Status);
        var code = await fixture.NewAccessCodeAsync(memberId);
        var refused = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code));
        Assert.Equal(409, refused.Status);
        Assert.EndsWith("/card-suspended", refused.Type);

        Assert.Equal("active", (await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/resume", new { reason = "found-phone", requestedBy = "member" })).Body.GetProperty("status").GetString());
        Assert.Equal("active", Assert.Single(await fixture.Client.ListChipCardsAsync(token, chip.ChipId)).Status);
    }

    [Fact]
    public async Task Card_Deleted_ChipFreedNotWritableUntilResumedThenWritableOnANewChip()
    {
        var (chip, _, token, memberId) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);

        var (status, body, _) = await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/delete", new { reason = "lost-phone", requestedBy = "issuer" });

        Assert.Equal(200, status);
        Assert.Equal("deleted", body.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("chipId").ValueKind);
        // Deleted while on the chip: the chip's removal is pending (a remote wipe, RemoteWipeTests).
        Assert.Equal("removal-pending", Assert.Single(await fixture.Client.ListChipCardsAsync(token, chip.ChipId)).Status);
        var newChip = GatewayFixture.NewChip();
        var refused = await Assert.ThrowsAsync<GatewayProblemException>(async () =>
            await new ProvisioningRunner(fixture.Client, newChip).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId)));
        Assert.EndsWith("/card-suspended", refused.Type);

        Assert.Equal("unprovisioned", (await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/resume", new { reason = "new-phone", requestedBy = "operator" })).Body.GetProperty("status").GetString());
        var again = await new ProvisioningRunner(fixture.Client, newChip).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId));
        Assert.Equal("active", again.Status);
    }

    [Fact]
    public async Task CardChange_BadReasonOrActorOrState_400And409()
    {
        var (chip, _, _, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);

        Assert.Equal(400, (await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/suspend", new { reason = "Lost Phone!", requestedBy = "member" })).Status);
        Assert.Equal(400, (await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/suspend", new { reason = "lost-phone", requestedBy = "neighbour" })).Status);
        var (status, body, _) = await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/resume", new { reason = "x", requestedBy = "member" });
        Assert.Equal(200, status);
        Assert.Equal("active", body.GetProperty("status").GetString());
        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/delete", new { reason = "fraud", requestedBy = "issuer" });
        var conflict = await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/suspend", new { reason = "fraud", requestedBy = "issuer" });
        Assert.Equal(409, conflict.Status);
        Assert.Equal("https://walletgateway.dev/problems/card-state-conflict", conflict.Body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Session_LookedUpByOperator_ShowsDeviceIssuerChipAndUnknownIs404()
    {
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var session = await fixture.Client.OpenSessionAsync(token, "sample-bank", chip.ChipId);

        var (status, body, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/sessions/{session.SessionId}");

        Assert.Equal(200, status);
        Assert.Equal("open", body.GetProperty("state").GetString());
        Assert.Equal("sample-bank", body.GetProperty("issuerId").GetString());
        Assert.Equal(chip.ChipId, body.GetProperty("chipId").GetString());
        Assert.Equal(404, (await fixture.AdminAsync(HttpMethod.Get, $"admin/sessions/{SessionIds.Format(Guid.NewGuid())}")).Status);
        await fixture.Client.AbortAsync(token, session.SessionId);
    }

    [Fact]
    public async Task ChipCards_WithoutDeviceToken_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/cards?chipId={GatewayFixture.NewChip().ChipId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nope");
        using var response = await fixture.Gateway.SendAsync(request);
        Assert.Equal(401, (int)response.StatusCode);
    }
}
