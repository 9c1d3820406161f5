namespace WalletGateway.Gateway.Tests;

/// <summary>
/// An operator-managed issuer's password is encrypted in grain state, and an operator key alone cannot send the
/// stored credential to another address or user: changing <c>baseUrl</c> or <c>username</c> needs the password again.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class IssuerSecretTests(OperatorFixture fixture)
{
    private const string DemoPassword = "demo-card-dev-secret";

    [Fact]
    public async Task IssuerPassword_InGrainStateTable_NeverInClear()
    {
        var id = "secret-" + Guid.NewGuid().ToString("N")[..6];
        var secret = "at-rest-secret-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await AddAsync(id, "http://127.0.0.1:1/", secret)).Status);

        var rows = await GrainStateRows.ReadAsync(fixture);

        Assert.Contains(rows, row => GrainStateRows.Contains(row, id));
        Assert.DoesNotContain(rows, row => GrainStateRows.Contains(row, secret));
    }

    [Fact]
    public async Task IssuerChange_BaseUrlOrUsernameWithoutPassword_400AndNothingChanged()
    {
        var id = "redirect-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(201, (await AddAsync(id, "http://127.0.0.1:1/", "old-secret")).Status);

        var (urlStatus, urlBody, _) = await fixture.AdminAsync(HttpMethod.Patch, $"admin/issuers/{id}", new { baseUrl = "http://attacker.example/" });
        var (userStatus, userBody, _) = await fixture.AdminAsync(HttpMethod.Patch, $"admin/issuers/{id}", new { username = "someone-else" });

        Assert.Equal(400, urlStatus);
        Assert.EndsWith("/invalid-request", urlBody.GetProperty("type").GetString());
        Assert.Contains("password", urlBody.GetProperty("detail").GetString());
        Assert.Equal(400, userStatus);
        Assert.Contains("password", userBody.GetProperty("detail").GetString());
        var (_, view, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/issuers/{id}");
        Assert.Equal("http://127.0.0.1:1/", view.GetProperty("baseUrl").GetString());
        Assert.Equal("walletgateway", view.GetProperty("username").GetString());
        // Changes that do not move the credential need no password.
        Assert.Equal(200, (await fixture.AdminAsync(HttpMethod.Patch, $"admin/issuers/{id}", new { displayName = "Renamed", baseUrl = "http://127.0.0.1:1/" })).Status);
    }

    [Fact]
    public async Task IssuerChange_BaseUrlWithPassword_AcceptedAndStillProvisionsAfterRestart()
    {
        var id = "moved-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(201, (await AddAsync(id, "http://127.0.0.1:1/", "not-the-password")).Status);

        var (status, body, text) = await fixture.AdminAsync(HttpMethod.Patch, $"admin/issuers/{id}",
            new { baseUrl = new Uri(fixture.SimulatorUri, "issuers/demo-card/").ToString(), password = DemoPassword });

        Assert.Equal(200, status);
        Assert.Equal(new Uri(fixture.SimulatorUri, "issuers/demo-card/").ToString(), body.GetProperty("baseUrl").GetString());
        Assert.DoesNotContain(DemoPassword, text, StringComparison.Ordinal);
        // A fresh gateway reads the encrypted password from storage and decrypts it.
        await fixture.RestartGatewayAsync();
        var (memberId, code) = await fixture.CreateMemberAsync("demo-card");
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var result = await new WalletGateway.Terminal.Protocol.ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, id, memberId, code);
        Assert.Equal("active", result.Status);
    }

    [Fact]
    public async Task IssuerBaseUrl_EditedInStorage_PasswordDoesNotDecryptAndIssuerIsDisabled()
    {
        var id = "edited-" + Guid.NewGuid().ToString("N")[..6];
        var (url, forged) = ($"http://127.0.0.1:1/{id}/", $"http://127.0.0.9:1/{id}/");
        Assert.Equal(201, (await AddAsync(id, url, "edited-secret")).Status);

        // Someone with write access to storage points the entry elsewhere (same length, so any serializer's row stays readable).
        Assert.Equal(1, await GrainStateRows.ReplaceAsync(fixture, url, forged));
        await fixture.RestartGatewayAsync();

        var (_, view, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/issuers/{id}");
        Assert.Equal(forged, view.GetProperty("baseUrl").GetString());
        Assert.False(view.GetProperty("enabled").GetBoolean());
        Assert.DoesNotContain(await fixture.Client.ListIssuersAsync(), i => i.IssuerId == id);
    }

    private Task<(int Status, System.Text.Json.JsonElement Body, string Text)> AddAsync(string id, string baseUrl, string password) =>
        fixture.AdminAsync(HttpMethod.Post, "admin/issuers", new
        {
            issuerId = id, displayName = "Secret Test", baseUrl, username = "walletgateway", password,
        });
}
