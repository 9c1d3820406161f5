using System.Text.Json;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Refused authentications are budgeted per session and per device, whatever member ids they name (an unknown
/// member counts), so one device cannot guess codes across members or fill an issuer's budget.
/// </summary>
[Collection(IssuerHardeningCollection.Name)]
public sealed class AuthenticationBudgetTests(IssuerHardeningFixture fixture)
{
    [Fact]
    public async Task Authenticate_OneSessionWrongCodesOverManyMemberIds_429WithRetryAfterAfterTheSessionLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await fixture.RegisterDeviceAsync();
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId, ct);
        var before = await AuthenticateRequestsAsync();

        for (var i = 0; i < IssuerHardeningFixture.FailuresPerSession; i++)
        {
            AssertProblem(401, "invalid-access-code", await AuthenticateAsync(token, session.SessionId, UnknownMember()));
        }

        var stopped = AssertLimited(await AuthenticateAsync(token, session.SessionId, UnknownMember()));
        Assert.True(stopped.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(before + IssuerHardeningFixture.FailuresPerSession, await AuthenticateRequestsAsync());
    }

    [Fact]
    public async Task Authenticate_OneDeviceOverSeveralSessions_429AfterTheDeviceLimitWhileAnotherDeviceProvisions()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await fixture.RegisterDeviceAsync();
        var before = await AuthenticateRequestsAsync();
        var first = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId, ct);
        for (var i = 0; i < IssuerHardeningFixture.FailuresPerSession; i++)
        {
            AssertProblem(401, "invalid-access-code", await AuthenticateAsync(token, first.SessionId, UnknownMember()));
        }

        var second = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId, ct);
        for (var i = IssuerHardeningFixture.FailuresPerSession; i < IssuerHardeningFixture.FailuresPerDevice; i++)
        {
            AssertProblem(401, "invalid-access-code", await AuthenticateAsync(token, second.SessionId, UnknownMember()));
        }

        AssertLimited(await AuthenticateAsync(token, second.SessionId, UnknownMember()));
        var third = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId, ct);
        var (memberId, code) = await fixture.CreateMemberAsync();
        AssertLimited(await AuthenticateAsync(token, third.SessionId, memberId, code));
        Assert.Equal(before + IssuerHardeningFixture.FailuresPerDevice, await AuthenticateRequestsAsync());

        // The budget is the device's own: another device provisions the member with the code the issuer never saw.
        var other = await fixture.RegisterDeviceAsync();
        var result = await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(other, "demo-card", memberId, code, ct: ct);
        Assert.Equal("active", result.Status);
    }

    private static string UnknownMember() => "NOBODY" + Guid.NewGuid().ToString("N")[..10];

    private static (int Status, JsonElement Body, HttpResponseMessage Response) AssertLimited((int Status, JsonElement Body, HttpResponseMessage Response) answer)
    {
        AssertProblem(429, "rate-limited", answer);
        Assert.NotNull(answer.Response.Headers.RetryAfter);
        return answer;
    }

    private Task<(int Status, JsonElement Body, HttpResponseMessage Response)> AuthenticateAsync(
        string token, string sessionId, string memberId, string accessCode = "00000000") =>
        SendAsync(fixture.Gateway, Request(HttpMethod.Post, $"v1/sessions/{sessionId}/authenticate", token,
            JsonSerializer.Serialize(new { seq = 0, memberId, accessCode })));

    private async Task<long> AuthenticateRequestsAsync() =>
        (await fixture.IssuerStatsAsync("demo-card")).GetProperty("authenticateRequests").GetInt64();
}
