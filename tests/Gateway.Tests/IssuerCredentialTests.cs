using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Issuers;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The issuer refusing the gateway's own credential is the gateway's problem, not the member's: 503 to the terminal,
/// an error log and a metric for the operator, and no wrong code counted against anyone.
/// </summary>
[Collection(IssuerHardeningCollection.Name)]
public sealed class IssuerCredentialTests(IssuerHardeningFixture fixture)
{
    [Theory]
    [InlineData(IssuerHardeningFixture.WrongPasswordJson, "demo-card", "not-the-demo-card-password")]
    [InlineData(IssuerHardeningFixture.WrongPasswordLegacy, "sample-bank", "not-the-sample-bank-password")]
    public async Task Authenticate_IssuerRefusesTheGatewaysCredential_503ErrorLogMetricAndNoLockout(string issuerId, string simulatorIssuer, string password)
    {
        var ct = TestContext.Current.CancellationToken;
        using var rejections = new InstrumentRecorder("walletgateway.issuer.credential.rejected", fixture.GatewayServices.GetRequiredService<IMeterFactory>());
        var (memberId, code) = await fixture.CreateMemberAsync(simulatorIssuer);
        var token = await fixture.RegisterDeviceAsync();
        var session = await fixture.Client.OpenSessionAsync(token, issuerId, GatewayFixture.NewChip().ChipId, ct);
        var before = (await fixture.IssuerStatsAsync(simulatorIssuer)).GetProperty("badCredentials").GetInt64();

        // More attempts than the member lockout (5) and the session's budget (3) allow wrong codes.
        const int attempts = 6;
        for (var i = 0; i < attempts; i++)
        {
            var answer = await SendAsync(fixture.Gateway, Request(HttpMethod.Post, $"v1/sessions/{session.SessionId}/authenticate", token,
                JsonSerializer.Serialize(new { seq = 0, memberId, accessCode = code })));
            AssertProblem(503, "issuer-unavailable", answer);
        }

        Assert.Equal(before + attempts, (await fixture.IssuerStatsAsync(simulatorIssuer)).GetProperty("badCredentials").GetInt64());
        Assert.Equal(attempts, rejections.Measurements.Count(m => m["issuer"] == issuerId && m["operation"] == "authenticate"));
        Assert.Contains(fixture.Logs.Lines, l => l.Contains(" Error ", StringComparison.Ordinal) && l.Contains(issuerId, StringComparison.Ordinal)
                                                && l.Contains("credential", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(password, StringComparison.Ordinal));
        Assert.Equal(0, await fixture.MemberLockout(issuerId, memberId).EnsureNotLockedAsync(memberId));
        // The issuer never looked at the code: through the right credential it still provisions the card.
        var result = await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, simulatorIssuer, memberId, code, ct: ct);
        Assert.Equal("active", result.Status);
    }
}
