using System.Net.Http.Json;
using System.Text.Json;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// What the issuer answers is checked where it enters: bad card data is a clean 503, leases nothing and leaves the
/// member free to try again with a new code; a non-ASCII name is written in ASCII; an issuer slower than its own
/// configured timeout is cut off at that timeout.
/// </summary>
[Collection(IssuerHardeningCollection.Name)]
public sealed class IssuerAnswerTests(IssuerHardeningFixture fixture)
{
    [Theory]
    [InlineData("demo-card", "expiry", "2031-13")]
    [InlineData("demo-card", "expiry", "2020-01")]
    [InlineData("demo-card", "expiry", "12/31")]
    [InlineData("demo-card", "cardNumber", "4111111111111112")]
    [InlineData("demo-card", "cardNumber", "41111111111111AB")]
    [InlineData("demo-card", "cardNumber", "4111111")]
    [InlineData("demo-card", "cardholderName", "李小龍")]
    [InlineData("demo-card", "cardholderName", "")]
    [InlineData("demo-card", "cardholderName", "ABCDEFGHIJKLMNOPQRSTUVWXYZA")]
    [InlineData("demo-card", "paymentKey", "00112233445566778899AABBCCDDEE")]
    [InlineData("demo-card", "paymentKey", "not-a-key-not-a-key-not-a-key-xx")]
    [InlineData("demo-card", "cardRef", "")]
    [InlineData("demo-card", "cardRef", "CR-\u0001")]
    [InlineData("sample-bank", "expiry", "2020-01")]
    [InlineData("sample-bank", "cardNumber", "4111111111111112")]
    [InlineData("sample-bank", "cardholderName", "李小龍")]
    public async Task Authenticate_IssuerAnswersBadCardData_503IssuerUnavailableNothingLeasedMemberRetriesWithNewCode(
        string issuerId, string field, string value)
    {
        var ct = TestContext.Current.CancellationToken;
        var (memberId, code) = await fixture.CreateMemberAsync(issuerId);
        await OverrideCardAsync(issuerId, memberId, new Dictionary<string, string> { [field] = value });
        var token = await fixture.RegisterDeviceAsync();
        var session = await fixture.Client.OpenSessionAsync(token, issuerId, GatewayFixture.NewChip().ChipId, ct);

        var answer = await SendAsync(fixture.Gateway, Request(HttpMethod.Post, $"v1/sessions/{session.SessionId}/authenticate", token,
            JsonSerializer.Serialize(new { seq = 0, memberId, accessCode = code })));

        AssertProblem(503, "issuer-unavailable", answer);
        Assert.Equal("open", (await fixture.Client.GetSessionAsync(token, session.SessionId, ct)).State);
        // The issuer consumed the code; once it answers good data, a new code provisions the same card: nothing leased, not locked.
        (await fixture.Simulator.DeleteAsync($"admin/issuers/{issuerId}/members/{memberId}/card", ct)).EnsureSuccessStatusCode();
        var newCode = await fixture.NewAccessCodeAsync(memberId, issuerId);
        var result = await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, issuerId, memberId, newCode, ct: ct);
        Assert.Equal("active", result.Status);
    }

    [Theory]
    [InlineData("demo-card")]
    [InlineData("sample-bank")]
    public async Task Authenticate_NameWithAccents_ProvisionedWithTheAsciiName(string issuerId)
    {
        var ct = TestContext.Current.CancellationToken;
        var (memberId, code) = await fixture.CreateMemberAsync(issuerId);
        await OverrideCardAsync(issuerId, memberId, new Dictionary<string, string> { ["cardholderName"] = "JOSÉ GARCÍA" });
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();

        var result = await new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, issuerId, memberId, code, ct: ct);

        Assert.Equal("active", result.Status);
        Assert.Equal("JOSE GARCIA", Assert.Single(chip.Cards).CardholderName);
    }

    [Fact]
    public async Task Authenticate_IssuerSlowerThanItsConfiguredTimeout_503IssuerUnavailableAndTheCodeIsNotConsumed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (memberId, code) = await fixture.CreateMemberAsync("demo-card");
        var token = await fixture.RegisterDeviceAsync();
        var session = await fixture.Client.OpenSessionAsync(token, IssuerHardeningFixture.SlowCard, GatewayFixture.NewChip().ChipId, ct);
        var before = await fixture.IssuerStatsAsync("demo-card");
        // Slower than slow-card's 300 ms, well under the 5 s default timeout.
        (await fixture.Simulator.PostAsJsonAsync("admin/faults", new { issuerId = "demo-card", latencyMs = 3000, failureRate = 0.0, down = false }, ct))
            .EnsureSuccessStatusCode();
        (int Status, JsonElement Body, HttpResponseMessage Response) answer;
        try
        {
            answer = await SendAsync(fixture.Gateway, Request(HttpMethod.Post, $"v1/sessions/{session.SessionId}/authenticate", token,
                JsonSerializer.Serialize(new { seq = 0, memberId, accessCode = code })));
        }
        finally
        {
            (await fixture.Simulator.DeleteAsync("admin/faults/demo-card", ct)).EnsureSuccessStatusCode();
        }

        AssertProblem(503, "issuer-unavailable", answer);
        var after = await fixture.IssuerStatsAsync("demo-card");
        Assert.Equal(Count(before, "authenticateRequests") + 1, Count(after, "authenticateRequests"));
        Assert.Equal(Count(before, "failedAuthentications"), Count(after, "failedAuthentications"));
        // The call was cut off before the issuer answered: the code is still unused.
        var result = await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code, ct: ct);
        Assert.Equal("active", result.Status);
    }

    private static long Count(JsonElement stats, string name) => stats.GetProperty(name).GetInt64();

    private async Task OverrideCardAsync(string issuerId, string memberId, Dictionary<string, string> fields) =>
        (await fixture.Simulator.PutAsJsonAsync($"admin/issuers/{issuerId}/members/{memberId}/card", fields)).EnsureSuccessStatusCode();
}
