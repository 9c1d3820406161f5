using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Thousands of generated hostile requests at every endpoint: always a 4xx problem+json, never a
/// 5xx, and the session they aim at is exactly as it was (it still completes).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HostileInputTests(GatewayFixture fixture)
{
    private static readonly string[] ContentTypes =
        ["application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/xml", ""];

    /// <summary>Bodies that are not valid requests for any endpoint (a valid relay would be a tamper, tested elsewhere).</summary>
    private static readonly Gen<string> HostileBody = Gen.OneOf(
        Gen.String,                                                              // any text
        Gen.Byte.Array[0, 64].Select(b => Encoding.Latin1.GetString(b)),         // binary junk
        Gen.Const("{\"seq\": 1, \"responses\": [\"9000\"]").Select(s => s),    // truncated
        Gen.Int[0, 33].Select(n => "{\"seq\": 1, \"responses\": [\"9000\"]}"[..n]),
        Gen.OneOf(Gen.Const("\"1\""), Gen.Const("1.5"), Gen.Const("true"), Gen.Const("null"), Gen.Const("[]"), Gen.Const("{}"), Gen.Const("99999999999"))
            .Select(v => $"{{\"seq\": {v}, \"memberId\": {v}, \"accessCode\": {v}, \"issuerId\": {v}, \"chipId\": {v}, \"responses\": {v}, \"model\": {v}}}"),
        Gen.String[1, 30].Where(h => h.Any(c => !Uri.IsHexDigit(c)) || h.Length % 2 == 1 || h.Length < 4)
            .Select(h => JsonSerializer.Serialize(new { seq = 1, responses = new[] { h } })),
        Gen.Int[-1000, 1000].Where(n => n != 1).Select(n => JsonSerializer.Serialize(new { seq = n, responses = new[] { "9000" }, extra = "x" })),
        Gen.Int[65, 400].Select(n => JsonSerializer.Serialize(new { seq = 1, responses = Enumerable.Repeat("9000", n) })),
        Gen.Const("{\"issuerId\": \"demo-card\", \"chipId\": \"0011\", \"unknown\": {\"deep\": [1, 2, {\"x\": null}]}}"),
        Gen.Const(new string('[', 5000)),
        Gen.Const("{\"model\": \"" + new string('m', 5000) + "\", \"osVersion\": \"1\"}"));

    [Fact]
    public async Task EveryEndpoint_ThousandsOfHostileBodies_No5xxAndSessionUnchanged()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var (session, first) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, code);
        var before = await fixture.Client.GetSessionAsync(token, session.SessionId);
        var id = session.SessionId;
        string[] paths = ["v1/devices", "v1/sessions", $"v1/sessions/{id}/authenticate", $"v1/sessions/{id}/relay", $"v1/sessions/not-an-id/relay", "v1/issuers"];
        var seen = 0;

        await Gen.Select(HostileBody, Gen.Int[0, paths.Length - 1], Gen.Int[0, ContentTypes.Length - 1], Gen.Bool)
            .SampleAsync(async (body, path, contentType, withToken) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, paths[path]) { Content = new StringContent(body, Encoding.UTF8) };
                request.Content.Headers.ContentType = ContentTypes[contentType] == "" ? null : MediaTypeHeaderValue.Parse(ContentTypes[contentType]);
                if (withToken)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await fixture.Gateway.SendAsync(request);
                Interlocked.Increment(ref seen);
                var status = (int)response.StatusCode;
                // A fuzzed registration body can be a valid one (201); everything else must be refused.
                return (status is >= 400 and < 500 && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
                       || (status == 201 && path == 0);
            }, iter: 2000, threads: 4);

        Assert.True(seen >= 2000);
        var after = await fixture.Client.GetSessionAsync(token, session.SessionId);
        Assert.Equal((before.State, before.Seq), (after.State, after.Seq));
        var step = first;
        while (!step.Done)
        {
            step = await fixture.Client.RelayAsync(token, session.SessionId, step.Seq, ProvisioningRunner.RelayToChip(chip, step));
        }

        Assert.Equal("active", step.Result!.Status);
    }

    [Theory]
    [InlineData(20 * 1024)]
    [InlineData(200 * 1024)]
    public async Task HugeHeaders_431Problem(int size)
    {
        using var request = Request(HttpMethod.Get, "v1/issuers", null);
        request.Headers.Add("X-Padding", new string('a', size));
        AssertProblem(431, "headers-too-large", await SendAsync(fixture.Gateway, request));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task WrongContentType_415Problem(string contentType)
    {
        var token = await fixture.RegisterDeviceAsync();
        AssertProblem(415, "unsupported-media-type", await SendAsync(fixture.Gateway,
            Request(HttpMethod.Post, "v1/sessions", token, "{\"issuerId\": \"demo-card\", \"chipId\": \"00112233445566778899\"}", contentType)));
    }

    [Fact]
    public async Task ManyDevicesBehindOneAddress_Flooding_429sWhileHonestDeviceProvisions()
    {
        var flooders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => fixture.RegisterDeviceAsync()));
        var statuses = await Task.WhenAll(flooders.SelectMany(t => Enumerable.Range(0, 15).Select(async i =>
            (await SendAsync(fixture.Gateway, Request(HttpMethod.Post, "v1/sessions", t, "{\"issuerId\": \"demo-card\", \"chipId\": \"" + $"{i:D20}" + "\"}"))).Status)));
        Assert.Contains(429, statuses);
        Assert.DoesNotContain(statuses, s => s >= 500);

        var (memberId, code) = await fixture.CreateMemberAsync();
        var honest = await fixture.RegisterDeviceAsync();
        var result = await new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(honest, "demo-card", memberId, code);
        Assert.Equal("active", result.Status);
    }
}
