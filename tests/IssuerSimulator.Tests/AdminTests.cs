using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace WalletGateway.IssuerSimulator.Tests;

public sealed class AdminTests
{
    [Fact]
    public async Task Issuers_DefaultConfiguration_ListsBothDevelopmentIssuersWithoutSecrets()
    {
        await using var simulator = await Simulator.StartAsync();

        var body = await simulator.Client.GetStringAsync("/admin/issuers", Simulator.Ct);

        Assert.Equal(
            [new IssuerView("demo-card", "Demo Card", "499912"), new IssuerView("sample-bank", "Sample Bank", "535310")],
            System.Text.Json.JsonSerializer.Deserialize<List<IssuerView>>(body, System.Text.Json.JsonSerializerOptions.Web)!.OrderBy(i => i.IssuerId));
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreateMembers_LargestBatch_GivesUniqueIdsAndEightDigitCodes()
    {
        await using var simulator = await Simulator.StartAsync();

        var members = await simulator.CreateMembersAsync(Simulator.DemoCard, 10_000);

        Assert.Equal(10_000, members.Count);
        Assert.Equal(10_000, members.Select(m => m.MemberId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(members, m =>
        {
            Assert.Matches("^M[0-9]{10}$", m.MemberId);
            Assert.Matches("^[0-9]{8}$", m.AccessCode);
        });
    }

    [Fact]
    public async Task CreateMembers_EachMember_HasItsOwnCard()
    {
        await using var simulator = await Simulator.StartAsync();
        var members = await simulator.CreateMembersAsync(Simulator.DemoCard, 5);

        var cards = new List<AuthenticateResponse>();
        foreach (var member in members)
        {
            using var response = await simulator.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode);
            cards.Add((await response.Content.ReadFromJsonAsync<AuthenticateResponse>(Simulator.Ct))!);
        }

        Assert.Equal(5, cards.Select(c => c.CardRef).Distinct().Count());
        Assert.Equal(5, cards.Select(c => c.CardNumber).Distinct().Count());
        Assert.Equal(5, cards.Select(c => c.PaymentKey).Distinct().Count());
    }

    [Theory]
    [InlineData("""{"count":0}""")]
    [InlineData("""{"count":10001}""")]
    [InlineData("""{"count":"5"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"count":""")]
    public async Task CreateMembers_InvalidCount_IsBadRequestProblem(string body)
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.Client.PostAsync(
            $"/admin/issuers/{Simulator.DemoCard}/members", new StringContent(body, Encoding.UTF8, "application/json"), Simulator.Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Theory]
    [InlineData("POST", "/admin/issuers/no-such-issuer/members")]
    [InlineData("POST", "/admin/issuers/no-such-issuer/members/M0000000000/codes")]
    [InlineData("GET", "/admin/issuers/no-such-issuer/notifications")]
    public async Task AdminEndpoint_UnknownIssuer_IsNotFound(string method, string path)
    {
        await using var simulator = await Simulator.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? JsonContent.Create(new { count = 1 }) : null,
        };

        using var response = await simulator.Client.SendAsync(request, Simulator.Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "unknown-issuer");
    }
}
