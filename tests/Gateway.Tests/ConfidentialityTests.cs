using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>Nothing a terminal can see carries issuer connection data.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ConfidentialityTests(GatewayFixture fixture)
{
    [Fact]
    public async Task TerminalVisibleResponses_NeverContainIssuerUrlsOrCredentials()
    {
        var recorder = new RecordingHandler { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(recorder) { BaseAddress = fixture.Gateway.BaseAddress };
        var client = new GatewayClient(http);
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = (await client.RegisterDeviceAsync("phone", "1")).DeviceToken;

        await client.ListIssuersAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, "bad-code", ct: TestContext.Current.CancellationToken));
        await new ProvisioningRunner(client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code, ct: TestContext.Current.CancellationToken);
        await SendAsync(http, Request(HttpMethod.Get, "openapi/v1.json", null));

        Assert.NotEmpty(recorder.Seen);
        var simulatorAuthority = fixture.SimulatorUri.Authority;
        foreach (var seen in recorder.Seen)
        {
            Assert.DoesNotContain(simulatorAuthority, seen, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/issuers/", seen, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("dev-secret", seen, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("walletgateway:", seen, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Basic ", seen, StringComparison.Ordinal);
        }
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        public List<string> Seen { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            lock (Seen)
            {
                Seen.Add(response.Headers + "\n" + response.Content.Headers + "\n" + body);
            }

            return response;
        }
    }
}
