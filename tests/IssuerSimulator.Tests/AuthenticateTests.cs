using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace WalletGateway.IssuerSimulator.Tests;

public sealed partial class AuthenticateTests
{
    [Fact]
    public async Task Authenticate_FreshCode_ReturnsTheMembersCard()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.DemoCard, 1))[0];

        using var response = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await response.Content.ReadFromJsonAsync<AuthenticateResponse>(Simulator.Ct);
        Assert.NotNull(card);
        Assert.Matches(CardRefPattern(), card.CardRef);
        Assert.Matches("^499912[0-9]{10}$", card.CardNumber);
        Assert.True(CardNumbers.IsValid(card.CardNumber));
        Assert.Matches("^[0-9]{4}-(0[1-9]|1[0-2])$", card.Expiry);
        Assert.True(string.CompareOrdinal(card.Expiry, DateTimeOffset.UtcNow.ToString("yyyy-MM")) > 0);
        Assert.Matches("^[A-Z]+ [A-Z]+$", card.CardholderName);
        Assert.Matches("^[0-9A-Fa-f]{32}$", card.PaymentKey);
    }

    [Fact]
    public async Task Authenticate_SampleBankMember_UsesThatIssuersPrefix()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.SampleBank, 1))[0];

        using var response = await simulator.AuthenticateAsync(Simulator.SampleBank, member.MemberId, member.AccessCode);

        var card = await response.Content.ReadFromJsonAsync<AuthenticateResponse>(Simulator.Ct);
        Assert.StartsWith("535310", card!.CardNumber, StringComparison.Ordinal);
        Assert.True(CardNumbers.IsValid(card.CardNumber));
    }

    [Fact]
    public async Task Authenticate_SameCodeTwice_SecondIsUnauthorized()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.DemoCard, 1))[0];

        using var first = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode);
        using var second = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Unauthorized, "invalid-access-code");
    }

    [Fact]
    public async Task Authenticate_WrongCode_IsUnauthorizedAndCountedAsFailed()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.DemoCard, 1))[0];
        var wrong = member.AccessCode == "00000000" ? "11111111" : "00000000";

        using var response = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, wrong);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-access-code");
        var stats = await simulator.StatsAsync(Simulator.DemoCard);
        Assert.Equal(1, stats.FailedAuthentications);
        Assert.Equal(0, stats.BadCredentials);
    }

    [Fact]
    public async Task Authenticate_WrongCodeFirst_LeavesTheRightCodeUsable()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.DemoCard, 1))[0];
        var wrong = member.AccessCode == "00000000" ? "11111111" : "00000000";

        using var refused = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, wrong);
        using var accepted = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Authenticate_UnknownMember_IsUnauthorized()
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.AuthenticateAsync(Simulator.DemoCard, "M0000000000", "12345678");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-access-code");
    }

    [Fact]
    public async Task Authenticate_MemberOfAnotherIssuer_IsUnauthorized()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.SampleBank, 1))[0];

        using var response = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-access-code");
    }

    [Fact]
    public async Task Authenticate_ConcurrentAttemptsWithOneCode_ExactlyOneSucceeds()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.DemoCard, 1))[0];

        var responses = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(_ => simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task NewAccessCode_ForMember_ReplacesTheOldCodeAndKeepsTheCard()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.DemoCard, 1))[0];
        using var first = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode);
        var firstCard = await first.Content.ReadFromJsonAsync<AuthenticateResponse>(Simulator.Ct);

        var unused = await NewCodeAsync(simulator, member.MemberId);
        var latest = await NewCodeAsync(simulator, member.MemberId);
        using var withUnused = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, unused);
        using var withLatest = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, latest);

        Assert.Equal(HttpStatusCode.Unauthorized, withUnused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withLatest.StatusCode);
        Assert.Equal(firstCard, await withLatest.Content.ReadFromJsonAsync<AuthenticateResponse>(Simulator.Ct));
    }

    [Fact]
    public async Task NewAccessCode_UnknownMember_IsNotFound()
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.Client.PostAsync($"/admin/issuers/{Simulator.DemoCard}/members/M0000000000/codes", null, Simulator.Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "unknown-member");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"memberId":"M0000000000"}""")]
    [InlineData("""{"memberId":null,"accessCode":"12345678"}""")]
    [InlineData("""{"memberId":5,"accessCode":"12345678"}""")]
    [InlineData("""{"memberId":"","accessCode":"12345678"}""")]
    [InlineData("[]")]
    public async Task Authenticate_MalformedBody_IsBadRequestProblem(string body)
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.PostIssuerRawAsync(
            Simulator.DemoCard,
            "members/authenticate",
            new StringContent(body, Encoding.UTF8, "application/json"),
            Simulator.Credential(Simulator.DemoCard));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    private static async Task<string> NewCodeAsync(Simulator simulator, string memberId)
    {
        using var response = await simulator.Client.PostAsync($"/admin/issuers/{Simulator.DemoCard}/members/{memberId}/codes", null, Simulator.Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var code = await response.Content.ReadFromJsonAsync<AccessCodeResponse>(Simulator.Ct);
        Assert.Matches("^[0-9]{8}$", code!.AccessCode);
        return code.AccessCode;
    }

    [GeneratedRegex("^CR-[0-9A-Fa-f]{12}$")]
    private static partial Regex CardRefPattern();
}
