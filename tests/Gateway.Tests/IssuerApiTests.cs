using System.Text.Json;
using WalletGateway.Grains.Issuers;
using WalletGateway.Hosting;

namespace WalletGateway.Gateway.Tests;

/// <summary>Issuers acting on their own cards with their own keys: lookup, suspend, resume, delete, isolation, keys, limits.</summary>
[Collection(IssuerApiCollection.Name)]
public sealed class IssuerApiTests(IssuerApiFixture fixture)
{
    private const string ProblemJson = "application/problem+json";

    [Fact]
    public async Task Lookup_OwnCard_ShowsStatusChipAndLastChange()
    {
        var (chip, result, _, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        var key = await fixture.IssueKeyAsync("demo-card");

        var found = await fixture.IssuerAsync(HttpMethod.Get, $"issuer/v1/cards/{cardRef}", key);

        Assert.Equal(200, found.Status);
        Assert.Equal(cardRef, found.Body.GetProperty("cardRef").GetString());
        Assert.Equal("active", found.Body.GetProperty("status").GetString());
        Assert.Equal(result.CardId, found.Body.GetProperty("cardId").GetString());
        Assert.Equal(chip.ChipId, found.Body.GetProperty("chipId").GetString());
        Assert.Equal(JsonValueKind.Null, found.Body.GetProperty("removalPending").ValueKind);
        Assert.Equal(JsonValueKind.Null, found.Body.GetProperty("lastRemoval").ValueKind);
        var unknown = await fixture.IssuerAsync(HttpMethod.Get, "issuer/v1/cards/CR-NOSUCHCARD", key);
        Assert.Equal(404, unknown.Status);
        Assert.Equal(ProblemJson, unknown.ContentType);
        Assert.EndsWith("/card-not-found", unknown.Body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task SuspendResumeDelete_WithTheIssuersKey_ChangeTheCardAuditedAsTheIssuer()
    {
        var (chip, _, _, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        var key = await fixture.IssueKeyAsync("demo-card");

        var suspended = await fixture.IssuerAsync(HttpMethod.Post, $"issuer/v1/cards/{cardRef}/suspend", key, new { reason = "fraud-check" });
        Assert.Equal(200, suspended.Status);
        Assert.Equal("suspended", suspended.Body.GetProperty("status").GetString());
        Assert.Equal("fraud-check", suspended.Body.GetProperty("reason").GetString());
        Assert.Equal("issuer:demo-card", suspended.Body.GetProperty("changedBy").GetString());
        Assert.Equal(JsonValueKind.String, suspended.Body.GetProperty("changedAt").ValueKind);
        var resumed = await fixture.IssuerAsync(HttpMethod.Post, $"issuer/v1/cards/{cardRef}/resume", key, new { reason = "cleared" });
        Assert.Equal("active", resumed.Body.GetProperty("status").GetString());
        var deleted = await fixture.IssuerAsync(HttpMethod.Post, $"issuer/v1/cards/{cardRef}/delete", key, new { reason = "account-closed" });
        Assert.Equal(200, deleted.Status);
        Assert.Equal("deleted", deleted.Body.GetProperty("status").GetString());

        var (_, card, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}");
        Assert.Equal("deleted", card.GetProperty("status").GetString());
        Assert.Equal("issuer:demo-card", card.GetProperty("changedBy").GetString());
        var (_, audit, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}/audit");
        var changes = audit.GetProperty("records").EnumerateArray()
            .Where(r => r.GetProperty("event").GetString() is "suspended" or "resumed" or "deleted")
            .Select(r => (Event: r.GetProperty("event").GetString(), Actor: r.GetProperty("actor").GetString(), Reason: r.GetProperty("reason").GetString()))
            .ToArray();
        Assert.Equal(
            [("suspended", "issuer:demo-card", "fraud-check"), ("resumed", "issuer:demo-card", "cleared"), ("deleted", "issuer:demo-card", "account-closed")],
            changes);
        Assert.True(audit.GetProperty("verification").GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task AnotherIssuersCard_BothWays_404AsAnUnknownCardAndUntouched()
    {
        var (demoChip, _, _, _) = await fixture.ProvisionAsync("demo-card");
        var (bankChip, _, _, _) = await fixture.ProvisionAsync("sample-bank");
        var demoRef = await fixture.CardRefOnChipAsync(demoChip.ChipId, "demo-card");
        var bankRef = await fixture.CardRefOnChipAsync(bankChip.ChipId, "sample-bank");
        var demoKey = await fixture.IssueKeyAsync("demo-card");
        var bankKey = await fixture.IssueKeyAsync("sample-bank");
        var unknown = await fixture.IssuerAsync(HttpMethod.Get, "issuer/v1/cards/CR-NOSUCHCARD", demoKey);

        foreach (var (key, otherRef, otherIssuer) in new[] { (demoKey, bankRef, "sample-bank"), (bankKey, demoRef, "demo-card") })
        {
            var look = await fixture.IssuerAsync(HttpMethod.Get, $"issuer/v1/cards/{otherRef}", key);
            Assert.Equal(404, look.Status);
            Assert.Equal(unknown.Body.GetProperty("type").GetString(), look.Body.GetProperty("type").GetString());
            Assert.Equal(unknown.Body.GetProperty("detail").GetString(), look.Body.GetProperty("detail").GetString());
            foreach (var action in new[] { "suspend", "delete" })
            {
                var refused = await fixture.IssuerAsync(HttpMethod.Post, $"issuer/v1/cards/{otherRef}/{action}", key, new { reason = "lost-phone" });
                Assert.Equal(404, refused.Status);
                Assert.Equal(unknown.Body.GetProperty("detail").GetString(), refused.Body.GetProperty("detail").GetString());
            }

            var (_, card, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/{otherIssuer}/{otherRef}");
            Assert.Equal("active", card.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task MissingWrongOrForeignKeys_401ProblemAndKeysStayInTheirOwnApi()
    {
        var demoKey = await fixture.IssueKeyAsync("demo-card");
        var bankKey = await fixture.IssueKeyAsync("sample-bank");
        var path = "issuer/v1/cards/CR-ANY";
        var refusals = new List<OperatorFixture.Reply>
        {
            await fixture.IssuerAsync(HttpMethod.Get, path, key: null),
            await fixture.IssuerAsync(HttpMethod.Get, path, "not-a-key"),
            await fixture.IssuerAsync(HttpMethod.Get, path, "demo-card.wrong-secret"),
            // Another issuer's secret under this issuer's id.
            await fixture.IssuerAsync(HttpMethod.Get, path, "demo-card." + bankKey[(bankKey.IndexOf('.') + 1)..]),
            await fixture.IssuerAsync(HttpMethod.Get, path, "no-such-issuer." + demoKey[(demoKey.IndexOf('.') + 1)..]),
            // The operator key, where the operator sends it and where an issuer would.
            await fixture.SendAsync(HttpMethod.Get, path, null, [(AdminOptions.ApiKeyHeader, OperatorFixture.ApiKey)]),
            await fixture.IssuerAsync(HttpMethod.Get, path, OperatorFixture.ApiKey),
            // An issuer key on the operator API, in either header.
            await fixture.SendAsync(HttpMethod.Get, "admin/cards/demo-card/CR-ANY", null, [(AdminOptions.ApiKeyHeader, demoKey)]),
            await fixture.IssuerAsync(HttpMethod.Get, "admin/cards/demo-card/CR-ANY", demoKey),
            await fixture.IssuerAsync(HttpMethod.Post, "admin/issuers/demo-card/api-key", demoKey),
            // A body does not matter: the key is checked first.
            await fixture.IssuerAsync(HttpMethod.Post, "issuer/v1/cards/CR-ANY/delete", "demo-card.wrong-secret", new { reason = "Not A Code!" }),
        };

        Assert.All(refusals, r =>
        {
            Assert.Equal(401, r.Status);
            Assert.Equal(ProblemJson, r.ContentType);
            Assert.EndsWith("/invalid-api-key", r.Body.GetProperty("type").GetString());
        });
        Assert.Contains("X-Issuer-Key", refusals[0].WwwAuthenticate);
        Assert.Equal(404, (await fixture.IssuerAsync(HttpMethod.Get, path, demoKey)).Status);
    }

    [Fact]
    public async Task KeysOfMadeUpIssuers_401AndActivateNoKeyGrain()
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        Assert.Equal(401, (await fixture.IssuerAsync(HttpMethod.Get, "issuer/v1/cards/CR-ANY", "warm-up.secret")).Status);
        var before = await EdgeSecurityTests.ActivationsAsync(management, nameof(IssuerApiKeyGrain));

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(401, (await fixture.IssuerAsync(HttpMethod.Get, "issuer/v1/cards/CR-ANY", $"made-up-{Guid.NewGuid():N}.secret")).Status);
        }

        Assert.Equal(before, await EdgeSecurityTests.ActivationsAsync(management, nameof(IssuerApiKeyGrain)));
    }

    [Fact]
    public async Task CardChange_BadReason_400ProblemAndCardUnchanged()
    {
        var (chip, _, _, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        var key = await fixture.IssueKeyAsync("demo-card");

        foreach (var body in new object[] { new { reason = "Lost Phone!" }, new { reason = "" }, new { reason = new string('x', 41) }, new { other = 1 } })
        {
            var refused = await fixture.IssuerAsync(HttpMethod.Post, $"issuer/v1/cards/{cardRef}/suspend", key, body);
            Assert.Equal(400, refused.Status);
            Assert.Equal(ProblemJson, refused.ContentType);
            Assert.EndsWith("/invalid-request", refused.Body.GetProperty("type").GetString());
        }

        var conflict = await fixture.IssuerAsync(HttpMethod.Post, $"issuer/v1/cards/{cardRef}/resume", key, new { reason = "x" });
        Assert.Equal("active", conflict.Body.GetProperty("status").GetString());
        Assert.Equal("active", (await fixture.IssuerAsync(HttpMethod.Get, $"issuer/v1/cards/{cardRef}", key)).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task KeyRotation_OldKeyRefusedAtOnce_RevocationRefusesEveryKey()
    {
        var path = "issuer/v1/cards/CR-ROTATION";
        var first = await fixture.IssueKeyAsync("sample-bank");
        // An issued key replaces the development key of configuration (OpenApiTests shows the development key at work).
        Assert.Equal(401, (await fixture.IssuerAsync(HttpMethod.Get, path, DevelopmentSecrets.SampleBankIssuerApiKey)).Status);
        Assert.Equal(404, (await fixture.IssuerAsync(HttpMethod.Get, path, first)).Status);

        var second = await fixture.IssueKeyAsync("sample-bank");

        Assert.NotEqual(first, second);
        Assert.Equal(401, (await fixture.IssuerAsync(HttpMethod.Get, path, first)).Status);
        Assert.Equal(404, (await fixture.IssuerAsync(HttpMethod.Get, path, second)).Status);
        var (revoked, _, _) = await fixture.AdminAsync(HttpMethod.Delete, "admin/issuers/sample-bank/api-key");
        Assert.Equal(204, revoked);
        Assert.Equal(401, (await fixture.IssuerAsync(HttpMethod.Get, path, second)).Status);
        Assert.Equal(401, (await fixture.IssuerAsync(HttpMethod.Get, path, DevelopmentSecrets.SampleBankIssuerApiKey)).Status);
        var third = await fixture.IssueKeyAsync("sample-bank");
        Assert.Equal(404, (await fixture.IssuerAsync(HttpMethod.Get, path, third)).Status);
        Assert.Equal(404, (await fixture.AdminAsync(HttpMethod.Post, "admin/issuers/no-such-issuer/api-key")).Status);
    }

    [Fact]
    public async Task KeyRotation_OnOneFrontend_OldKeyRefusedAtOnceOnAnother()
    {
        var path = "issuer/v1/cards/CR-TWO-FRONTENDS";
        var old = await fixture.IssueKeyAsync("sample-bank");
        await using var secondGateway = await fixture.StartSecondGatewayAsync();
        using var second = new HttpClient { BaseAddress = GatewayFixture.AddressOf(secondGateway) };
        try
        {
            Assert.Equal(404, (await fixture.IssuerAsync(HttpMethod.Get, path, old, via: second)).Status);

            var current = await fixture.IssueKeyAsync("sample-bank");

            Assert.Equal(401, (await fixture.IssuerAsync(HttpMethod.Get, path, old, via: second)).Status);
            Assert.Equal(404, (await fixture.IssuerAsync(HttpMethod.Get, path, current, via: second)).Status);
        }
        finally
        {
            // Leave the cluster gracefully: a silo that just vanished keeps its grains' callers waiting until it is declared dead.
            await secondGateway.StopAsync();
        }
    }

    [Fact]
    public async Task RateLimit_PerIssuerKey_429WithRetryAfterAndOtherKeysUnaffected()
    {
        var busy = await fixture.IssueKeyAsync("demo-card");
        var quiet = await fixture.IssueKeyAsync("sample-bank");
        var statuses = new List<int>();
        OperatorFixture.Reply? limited = null;
        for (var i = 0; i < IssuerApiFixture.Burst * 3 && limited is null; i++)
        {
            var reply = await fixture.IssuerAsync(HttpMethod.Get, "issuer/v1/cards/CR-LIMIT", busy);
            statuses.Add(reply.Status);
            limited = reply.Status == 429 ? reply : null;
        }

        Assert.NotNull(limited);
        Assert.All(statuses.Take(IssuerApiFixture.Burst), s => Assert.Equal(404, s));
        Assert.Equal(ProblemJson, limited.ContentType);
        Assert.EndsWith("/rate-limited", limited.Body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(limited.RetryAfter));
        Assert.Equal(404, (await fixture.IssuerAsync(HttpMethod.Get, "issuer/v1/cards/CR-LIMIT", quiet)).Status);
        // Made-up keys naming the busy issuer do not spend its budget, nor does its budget refuse them before the key check.
        Assert.Equal(401, (await fixture.IssuerAsync(HttpMethod.Get, "issuer/v1/cards/CR-LIMIT", "demo-card.made-up")).Status);
    }

    [Fact]
    public async Task IssuerKeys_NeverInTheLogs()
    {
        var (chip, _, _, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        var old = await fixture.IssueKeyAsync("demo-card");
        Assert.Equal(200, (await fixture.IssuerAsync(HttpMethod.Post, $"issuer/v1/cards/{cardRef}/suspend", old, new { reason = "lost-phone" })).Status);
        var current = await fixture.IssueKeyAsync("demo-card");
        Assert.Equal(401, (await fixture.IssuerAsync(HttpMethod.Get, $"issuer/v1/cards/{cardRef}", old)).Status);
        Assert.Equal(200, (await fixture.IssuerAsync(HttpMethod.Get, $"issuer/v1/cards/{cardRef}", current)).Status);

        var lines = fixture.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("API key issued", StringComparison.Ordinal));
        foreach (var secret in new[] { old, current }.SelectMany(k => new[] { k, k[(k.IndexOf('.') + 1)..] }))
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
