using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace WalletGateway.IssuerSimulator.Tests;

public sealed class CredentialTests
{
    public static TheoryData<string?> WrongCredentials => new()
    {
        { (string?)null },
        { "Basic " + Convert.ToBase64String("walletgateway:wrong"u8.ToArray()) },
        { "Basic " + Convert.ToBase64String("walletgateway:sample-bank-dev-secret"u8.ToArray()) },
        { "Basic " + Convert.ToBase64String("someone:demo-card-dev-secret"u8.ToArray()) },
        { "Basic " + Convert.ToBase64String("no-colon"u8.ToArray()) },
        { "Basic !!not-base64!!" },
        { "Bearer dev-admin-key" },
    };

    [Theory]
    [MemberData(nameof(WrongCredentials))]
    public async Task IssuerEndpoint_MissingOrWrongCredentials_IsUnauthorizedAndCounted(string? authorization)
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.DemoCard, 1))[0];

        using var response = await simulator.PostIssuerRawAsync(
            Simulator.DemoCard,
            "members/authenticate",
            JsonContent.Create(new { memberId = member.MemberId, accessCode = member.AccessCode }),
            authorization is null ? null : AuthenticationHeaderValue.Parse(authorization));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "bad-credentials");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        var stats = await simulator.StatsAsync(Simulator.DemoCard);
        Assert.Equal(1, stats.BadCredentials);
        Assert.Equal(1, stats.Requests);
        Assert.Equal(0, stats.FailedAuthentications);
        using var stillValid = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode);
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
    }

    [Fact]
    public async Task IssuerEndpoint_WrongCredentialsAndMalformedBody_IsUnauthorized()
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.PostIssuerRawAsync(
            Simulator.DemoCard,
            "provisioning/complete",
            new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"),
            Simulator.Basic(Simulator.Username, "wrong"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "bad-credentials");
    }

    [Theory]
    [InlineData("members/authenticate")]
    [InlineData("provisioning/complete")]
    [InlineData("provisioning/abort")]
    public async Task IssuerEndpoint_UnknownIssuer_IsNotFound(string path)
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.PostIssuerAsync("no-such-issuer", path, new { }, Simulator.Credential(Simulator.DemoCard));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "unknown-issuer");
    }
}
