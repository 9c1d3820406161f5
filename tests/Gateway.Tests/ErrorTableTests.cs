// One test per row of the error table, in the table's order: kept in one file so it reads as the table does.
using System.Net.Http.Json;
using System.Text.Json;
using WalletGateway.SecureChannel;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>Every row of the error table (docs/terminal-protocol.md), through real HTTP.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ErrorTableTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Gateway;

    [Theory]
    [InlineData("{\"issuerId\": \"demo-card\", \"chipId\": ")]                      // truncated JSON
    [InlineData("{\"issuerId\": \"demo-card\"}")]                                   // missing field
    [InlineData("{\"issuerId\": \"demo-card\", \"chipId\": \"00112233445566778899ZZ\"}")] // bad hex
    [InlineData("{\"issuerId\": \"demo-card\", \"chipId\": \"001122334455667788990\"}")]  // odd length
    [InlineData("{\"issuerId\": 7, \"chipId\": \"00112233445566778899\"}")]         // wrong JSON type
    [InlineData("[]")]
    public async Task OpenSession_MalformedBody_400(string json)
    {
        var token = await fixture.RegisterDeviceAsync();
        AssertProblem(400, "invalid-request", await SendAsync(Http, Request(HttpMethod.Post, "v1/sessions", token, json)));
    }

    [Fact]
    public async Task OpenSession_UnknownIssuer_400()
    {
        var token = await fixture.RegisterDeviceAsync();
        AssertProblem(400, "unknown-issuer", await SendAsync(Http, Request(HttpMethod.Post, "v1/sessions", token,
            "{\"issuerId\": \"no-such-bank\", \"chipId\": \"00112233445566778899\"}")));
    }

    [Fact]
    public async Task Authenticate_SeqAsString_400AndSessionUnchanged()
    {
        var token = await fixture.RegisterDeviceAsync();
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId, TestContext.Current.CancellationToken);
        AssertProblem(400, "invalid-request", await SendAsync(Http, Request(HttpMethod.Post, $"v1/sessions/{session.SessionId}/authenticate", token,
            "{\"seq\": \"0\", \"memberId\": \"M1\", \"accessCode\": \"1\"}")));
        var view = await fixture.Client.GetSessionAsync(token, session.SessionId, TestContext.Current.CancellationToken);
        Assert.Equal(("open", 0), (view.State, view.Seq));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("0123456789abcdef0123456789abcdef.wrong-secret")]
    public async Task OpenSession_NoOrBadDeviceToken_401(string? token)
    {
        var answer = await SendAsync(Http, Request(HttpMethod.Post, "v1/sessions", token, "{\"issuerId\": \"demo-card\", \"chipId\": \"00112233445566778899\"}"));
        AssertProblem(401, "invalid-device-token", answer);
    }

    [Fact]
    public async Task Authenticate_WrongCode_401WithAttemptsLeftThenLocked423WithoutAskingIssuer()
    {
        var (memberId, _) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId, TestContext.Current.CancellationToken);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await Assert.ThrowsAsync<GatewayProblemException>(() =>
                fixture.Client.AuthenticateAsync(token, session.SessionId, 0, memberId, $"wrong{attempt}", TestContext.Current.CancellationToken));
            Assert.Equal(401, wrong.Status);
            Assert.EndsWith("/invalid-access-code", wrong.Type);
            Assert.Equal(5 - attempt, wrong.AttemptsLeft);
        }

        var before = await IssuerAuthenticationsAsync();
        var realCode = await fixture.NewAccessCodeAsync(memberId);
        var locked = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.AuthenticateAsync(token, session.SessionId, 0, memberId, realCode, TestContext.Current.CancellationToken));
        Assert.Equal(423, locked.Status);
        Assert.EndsWith("/member-locked", locked.Type);
        Assert.Equal(before, await IssuerAuthenticationsAsync());

        // The lock lasts 15 minutes of the gateway's clock, then the member may try again.
        fixture.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var session2 = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId, TestContext.Current.CancellationToken);
        var ok = await fixture.Client.AuthenticateAsync(token, session2.SessionId, 0, memberId, realCode, TestContext.Current.CancellationToken);
        Assert.Equal(1, ok.Seq);
    }

    [Fact]
    public async Task Authenticate_UsedAccessCode_401()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code, ct: TestContext.Current.CancellationToken);

        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId, TestContext.Current.CancellationToken);
        var used = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.AuthenticateAsync(token, session.SessionId, 0, memberId, code, TestContext.Current.CancellationToken));
        Assert.Equal(401, used.Status);
        Assert.EndsWith("/invalid-access-code", used.Type);
    }

    [Fact]
    public async Task Session_OfAnotherDevice_403()
    {
        var owner = await fixture.RegisterDeviceAsync();
        var other = await fixture.RegisterDeviceAsync();
        var session = await fixture.Client.OpenSessionAsync(owner, "demo-card", GatewayFixture.NewChip().ChipId, TestContext.Current.CancellationToken);
        AssertProblem(403, "session-of-another-device", await SendAsync(Http, Request(HttpMethod.Get, $"v1/sessions/{session.SessionId}", other)));
        AssertProblem(403, "session-of-another-device", await SendAsync(Http, Request(HttpMethod.Post, $"v1/sessions/{session.SessionId}/authenticate", other,
            "{\"seq\": 0, \"memberId\": \"M1\", \"accessCode\": \"12345678\"}")));
        AssertProblem(403, "session-of-another-device", await SendAsync(Http, Request(HttpMethod.Delete, $"v1/sessions/{session.SessionId}", other)));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-an-id")]
    [InlineData("..%2F..%2Fadmin")]
    public async Task Session_UnknownOrNotAnId_404(string sessionId)
    {
        var token = await fixture.RegisterDeviceAsync();
        AssertProblem(404, "session-not-found", await SendAsync(Http, Request(HttpMethod.Get, $"v1/sessions/{sessionId}", token)));
    }

    [Fact]
    public async Task Session_IdleTooLong_Expired404AndCardReleased()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var (session, _) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, code);

        fixture.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        AssertProblem(404, "session-not-found", await SendAsync(Http, Request(HttpMethod.Get, $"v1/sessions/{session.SessionId}", token)));
        // The lease outlives the session by design (max lifetime + margin); once it has run out,
        // the same card goes to another chip.
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        var newCode = await fixture.NewAccessCodeAsync(memberId);
        var result = await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, newCode, ct: TestContext.Current.CancellationToken);
        Assert.Equal("active", result.Status);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-a-device")]
    public async Task AdminDevice_UnknownOrNotAnId_404(string deviceId)
    {
        using var request = Request(HttpMethod.Get, $"admin/devices/{deviceId}/sessions", token: null);
        request.Headers.Add("X-Api-Key", OperatorFixture.ApiKey);
        AssertProblem(404, "device-not-found", await SendAsync(Http, request));
    }

    [Fact]
    public async Task Relay_WrongSeqOrChangedBody_409AndIdenticalRetrySameResponse()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var (session, first) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, code);

        // Identical retry of step 0 (reply lost): the same APDUs again, the issuer not asked again.
        var retried = await fixture.Client.AuthenticateAsync(token, session.SessionId, 0, memberId, code, TestContext.Current.CancellationToken);
        Assert.Equal(first.Apdus, retried.Apdus);
        // Step 0 again with another body: 409.
        var changed = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.AuthenticateAsync(token, session.SessionId, 0, memberId, "00000000", TestContext.Current.CancellationToken));
        Assert.Equal(409, changed.Status);

        var responses = ProvisioningRunner.RelayToChip(chip, first);
        var skipped = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.RelayAsync(token, session.SessionId, 2, responses, TestContext.Current.CancellationToken));
        Assert.Equal(409, skipped.Status);
        Assert.EndsWith("/sequence-conflict", skipped.Type);

        var second = await fixture.Client.RelayAsync(token, session.SessionId, 1, responses, TestContext.Current.CancellationToken);
        var again = await fixture.Client.RelayAsync(token, session.SessionId, 1, [.. responses.Select(r => r.ToLowerInvariant())], TestContext.Current.CancellationToken);
        Assert.Equal(second.Apdus, again.Apdus);
        var otherBody = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.RelayAsync(token, session.SessionId, 1, ["9000"], TestContext.Current.CancellationToken));
        Assert.Equal(409, otherBody.Status);

        var done = await fixture.Client.RelayAsync(token, session.SessionId, 2, ProvisioningRunner.RelayToChip(chip, second), TestContext.Current.CancellationToken);
        Assert.True(done.Done);
        // A finished session answers further steps with 409 and keeps answering GET.
        var after = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.RelayAsync(token, session.SessionId, 3, ["9000"], TestContext.Current.CancellationToken));
        Assert.Equal(409, after.Status);
        Assert.EndsWith("/session-closed", after.Type);
        Assert.Equal("active", (await fixture.Client.GetSessionAsync(token, session.SessionId, TestContext.Current.CancellationToken)).State);
    }

    [Fact]
    public async Task Relay_ResponsesLongerThanStepOrBadHex_400AndSessionUnchanged()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var (session, first) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, code);
        var responses = ProvisioningRunner.RelayToChip(chip, first);
        var path = $"v1/sessions/{session.SessionId}/relay";

        AssertProblem(400, "invalid-request", await SendAsync(Http, Request(HttpMethod.Post, path, token,
            JsonSerializer.Serialize(new { seq = 1, responses = responses.Append("9000") }))));
        AssertProblem(400, "invalid-request", await SendAsync(Http, Request(HttpMethod.Post, path, token,
            JsonSerializer.Serialize(new { seq = 1, responses = new[] { "90G0" } }))));
        AssertProblem(400, "invalid-request", await SendAsync(Http, Request(HttpMethod.Post, path, token,
            JsonSerializer.Serialize(new { seq = 1, responses = new[] { "900" } }))));
        AssertProblem(400, "invalid-request", await SendAsync(Http, Request(HttpMethod.Post, path, token,
            JsonSerializer.Serialize(new { seq = 1, responses = Enumerable.Repeat("9000", 1000) }))));

        var next = await fixture.Client.RelayAsync(token, session.SessionId, 1, responses, TestContext.Current.CancellationToken);
        Assert.False(next.Done);
    }

    [Fact]
    public async Task Body_Over64KiB_413()
    {
        var token = await fixture.RegisterDeviceAsync();
        var huge = "{\"issuerId\": \"demo-card\", \"chipId\": \"00112233445566778899\", \"pad\": \"" + new string('x', 70 * 1024) + "\"}";
        AssertProblem(413, "body-too-large", await SendAsync(Http, Request(HttpMethod.Post, "v1/sessions", token, huge)));
    }

    [Fact]
    public async Task Relay_TamperedChipResponse_422SessionFailedCardReleased()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var (session, first) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, code);
        var responses = ProvisioningRunner.RelayToChip(chip, first);
        var iu = Hex.Parse(responses[^1]);
        iu[15] ^= 0x01; // a bit of the card challenge: the card cryptogram no longer matches
        responses[^1] = Hex.Format(iu);

        var refused = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            fixture.Client.RelayAsync(token, session.SessionId, 1, responses, TestContext.Current.CancellationToken));
        Assert.Equal(422, refused.Status);
        Assert.EndsWith("/chip-verification-failed", refused.Type);
        Assert.Equal("failed", (await fixture.Client.GetSessionAsync(token, session.SessionId, TestContext.Current.CancellationToken)).State);

        // The lease is released at once: the member gets a new code and writes the card.
        var newCode = await fixture.NewAccessCodeAsync(memberId);
        var result = await new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, "demo-card", memberId, newCode, ct: TestContext.Current.CancellationToken);
        Assert.Equal("active", result.Status);
    }

    [Fact]
    public async Task OpenSession_FloodFromOneDevice_429WithRetryAfterWhileOtherDeviceOpens()
    {
        var flooder = await fixture.RegisterDeviceAsync();
        var honest = await fixture.RegisterDeviceAsync();
        var statuses = new List<int>();
        (int Status, JsonElement Body, HttpResponseMessage Response) limited = default;
        for (var i = 0; i < 30; i++)
        {
            var answer = await SendAsync(Http, Request(HttpMethod.Post, "v1/sessions", flooder, "{\"issuerId\": \"demo-card\", \"chipId\": \"00112233445566778899\"}"));
            statuses.Add(answer.Status);
            if (answer.Status == 429)
            {
                limited = answer;
            }
        }

        Assert.Contains(201, statuses);
        Assert.Contains(429, statuses);
        AssertProblem(429, "rate-limited", limited);
        Assert.True(limited.Response!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var opened = await fixture.Client.OpenSessionAsync(honest, "demo-card", GatewayFixture.NewChip().ChipId, TestContext.Current.CancellationToken);
        Assert.Equal(0, opened.Seq);
    }

    [Fact]
    public async Task Authenticate_IssuerDown_503WithRetryAfterAndSessionStillOpen()
    {
        var (memberId, code) = await fixture.CreateMemberAsync("sample-bank");
        var token = await fixture.RegisterDeviceAsync();
        var session = await fixture.Client.OpenSessionAsync(token, "sample-bank", GatewayFixture.NewChip().ChipId, TestContext.Current.CancellationToken);
        (await fixture.Simulator.PostAsJsonAsync("admin/faults", new { issuerId = "sample-bank", latencyMs = 0, failureRate = 0.0, down = true },
            TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        try
        {
            var answer = await SendAsync(Http, Request(HttpMethod.Post, $"v1/sessions/{session.SessionId}/authenticate", token,
                JsonSerializer.Serialize(new { seq = 0, memberId, accessCode = code })));
            AssertProblem(503, "issuer-unavailable", answer);
            Assert.NotNull(answer.Response.Headers.RetryAfter);
        }
        finally
        {
            (await fixture.Simulator.DeleteAsync("admin/faults/sample-bank", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        Assert.Equal("open", (await fixture.Client.GetSessionAsync(token, session.SessionId, TestContext.Current.CancellationToken)).State);
    }

    private async Task<long> IssuerAuthenticationsAsync()
    {
        var stats = await fixture.Simulator.GetFromJsonAsync<JsonElement>("admin/stats", TestContext.Current.CancellationToken);
        return stats.GetProperty("issuers").GetProperty("demo-card").GetProperty("authenticateRequests").GetInt64();
    }
}
