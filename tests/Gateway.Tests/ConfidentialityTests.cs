using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using WalletGateway.IssuerSimulator;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Nothing a terminal can see, and no log line, carries the member's card data, access codes or issuer connection data:
/// the card is the one the issuer really returned for this member, fetched from the simulator, not a fixed string.
/// </summary>
public sealed class ConfidentialityTests(RecordedLogsFixture fixture) : IClassFixture<RecordedLogsFixture>
{
    private const string IssuerPassword = "demo-card-dev-secret";

    [Fact]
    public async Task Provisioning_AnswersAndLogLines_NeverContainCardDataAccessCodesOrIssuerCredentials()
    {
        var ct = TestContext.Current.CancellationToken;
        var recorder = new RecordingHandler { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(recorder) { BaseAddress = fixture.Gateway.BaseAddress };
        var client = new GatewayClient(http);
        var (memberId, firstCode) = await fixture.CreateMemberAsync();
        var card = await IssuersCardAsync(memberId, firstCode);
        var code = await fixture.NewAccessCodeAsync(memberId);
        var token = (await client.RegisterDeviceAsync("phone", "1", ct)).DeviceToken;
        var chip = GatewayFixture.NewChip();

        await client.ListIssuersAsync(ct);
        await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, "00000000", ct: ct));
        var result = await new ProvisioningRunner(client, chip).ProvisionAsync(token, "demo-card", memberId, code, ct: ct);
        await client.GetSessionAsync(token, result.SessionId, ct);
        // The chip index row is written after the answer, grouped with others: the listing shows the card shortly after.
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return (await client.ListChipCardsAsync(token, chip.ChipId, ct)).Count == 1;
            }
            catch (GatewayProblemException e) when (e.Status == 404)
            {
                return false;
            }
        });
        await SendAsync(http, Request(HttpMethod.Get, "openapi/v1.json", null));
        await Eventually.TrueAsync(() => IssuerWasToldAsync(card.CardRef));

        // The data is real: it went through the gateway onto the chip.
        var written = Assert.Single(chip.Cards);
        Assert.Equal(card.CardNumber, written.CardNumber);
        Assert.Equal(card.CardholderName, written.CardholderName);

        // An 8-digit code is matched as a number of its own: inside the long numbers of trace logs (ticks, generations) it
        // would turn up by chance now and then. The other values are long enough to be matched anywhere.
        var secrets = new Dictionary<string, Regex>
        {
            ["card number"] = Anywhere(card.CardNumber),
            ["payment key"] = Anywhere(card.PaymentKey),
            ["cardholder name"] = Anywhere(card.CardholderName),
            ["cardholder name as hex"] = Anywhere(Convert.ToHexString(Encoding.ASCII.GetBytes(card.CardholderName))),
            ["access code"] = AsNumber(code),
            ["first access code"] = AsNumber(firstCode),
            ["issuer password"] = Anywhere(IssuerPassword),
        };
        Assert.NotEmpty(recorder.Seen);
        foreach (var seen in recorder.Seen)
        {
            AssertFree(secrets, seen, "an HTTP answer");
            Assert.DoesNotContain(fixture.SimulatorUri.Authority, seen, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/issuers/", seen, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("walletgateway:", seen, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Basic ", seen, StringComparison.Ordinal);
        }

        var lines = fixture.Logs.Lines;
        Assert.Contains(lines, line => line.StartsWith("WalletGateway.", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            AssertFree(secrets, line, "a log line");
        }
    }

    private static Regex Anywhere(string value) => new(Regex.Escape(value), RegexOptions.IgnoreCase);

    private static Regex AsNumber(string digits) => new($"(?<![0-9]){Regex.Escape(digits)}(?![0-9])");

    private static void AssertFree(Dictionary<string, Regex> secrets, string text, string where)
    {
        foreach (var (name, pattern) in secrets)
        {
            Assert.False(pattern.IsMatch(text), $"The {name} appears in {where}: {text}");
        }
    }

    /// <summary>The card the issuer returns for the member, asked as the gateway would ask (this consumes the code).</summary>
    private async Task<AuthenticateResponse> IssuersCardAsync(string memberId, string accessCode)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "issuers/demo-card/members/authenticate")
        {
            Content = JsonContent.Create(new AuthenticateRequest(memberId, accessCode)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("walletgateway:" + IssuerPassword)));
        using var response = await fixture.Simulator.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var card = await response.Content.ReadFromJsonAsync<AuthenticateResponse>();
        Assert.NotNull(card);
        Assert.True(card.CardNumber.Length >= 12 && card.PaymentKey.Length == 32 && card.CardholderName.Length > 0, "the issuer returned a whole card");
        return card;
    }

    private async Task<bool> IssuerWasToldAsync(string cardRef)
    {
        var notices = await fixture.Simulator.GetFromJsonAsync<NotificationView[]>("admin/issuers/demo-card/notifications");
        return notices!.Any(n => n.CardRef == cardRef);
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
