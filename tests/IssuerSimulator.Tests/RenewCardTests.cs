using System.Net;
using System.Net.Http.Json;

namespace WalletGateway.IssuerSimulator.Tests;

/// <summary>An administrator renews a member's card (new expiry and key, same reference and number) for renewal tests and demos.</summary>
public sealed class RenewCardTests
{
    [Fact]
    public async Task RenewCard_Member_SameRefNumberAndHolderNewExpiryAndKeyAnsweredWithTheNewCode()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.DemoCard, 1))[0];
        var before = await AuthenticateAsync(simulator, member.MemberId, member.AccessCode);

        var renewed = await RenewAsync(simulator, member.MemberId);
        var after = await AuthenticateAsync(simulator, member.MemberId, renewed.AccessCode);

        Assert.Equal((before.CardRef, before.CardNumber, before.CardholderName), (after.CardRef, after.CardNumber, after.CardholderName));
        Assert.Equal((before.CardRef, before.CardNumber[^4..], after.Expiry), (renewed.CardRef, renewed.Last4, renewed.Expiry));
        Assert.True(string.CompareOrdinal(after.Expiry, before.Expiry) > 0, $"{after.Expiry} is not after {before.Expiry}");
        Assert.NotEqual(before.PaymentKey, after.PaymentKey);
        Assert.Matches("^[0-9A-F]{32}$", after.PaymentKey);
    }

    [Fact]
    public async Task RenewCard_Twice_EachRenewalMovesTheExpiryOn()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.DemoCard, 1))[0];

        var first = await RenewAsync(simulator, member.MemberId);
        var second = await RenewAsync(simulator, member.MemberId);

        Assert.True(string.CompareOrdinal(second.Expiry, first.Expiry) > 0, $"{second.Expiry} is not after {first.Expiry}");
    }

    [Fact]
    public async Task RenewCard_UnusedCodeOfBefore_StopsWorking()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.SampleBank, 1))[0];

        await RenewAsync(simulator, member.MemberId, Simulator.SampleBank);
        using var old = await simulator.AuthenticateAsync(Simulator.SampleBank, member.MemberId, member.AccessCode);

        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }

    [Theory]
    [InlineData("demo-card", "M0", "unknown-member")]
    [InlineData("no-such-issuer", "M0", "unknown-issuer")]
    public async Task RenewCard_UnknownMemberOrIssuer_404Problem(string issuerId, string memberId, string type)
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.Client.PostAsync($"/admin/issuers/{issuerId}/members/{memberId}/card/renew", null, Simulator.Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, type);
    }

    [Fact]
    public async Task RenewedNotice_OnTheLifecycleEndpoint_IsRecordedAsRenewed()
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.PostIssuerAsync(Simulator.DemoCard, "cards/lifecycle",
            new { cardRef = "CR-0123456789AB", chipId = "0102030405060708090A", cardId = "card-1", messageId = "renewed-1", @event = "renewed" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notifications = await simulator.Client.GetFromJsonAsync<List<NotificationView>>($"/admin/issuers/{Simulator.DemoCard}/notifications", Simulator.Ct);
        var notice = Assert.Single(notifications!);
        Assert.Equal(("renewed", "renewed-1", "card-1"), (notice.Kind, notice.MessageId, notice.CardId));
    }

    private static async Task<RenewedCard> RenewAsync(Simulator simulator, string memberId, string issuerId = Simulator.DemoCard)
    {
        using var response = await simulator.Client.PostAsync($"/admin/issuers/{issuerId}/members/{memberId}/card/renew", null, Simulator.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RenewedCard>(Simulator.Ct))!;
    }

    private static async Task<AuthenticateResponse> AuthenticateAsync(Simulator simulator, string memberId, string accessCode)
    {
        using var response = await simulator.AuthenticateAsync(Simulator.DemoCard, memberId, accessCode);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AuthenticateResponse>(Simulator.Ct))!;
    }
}
