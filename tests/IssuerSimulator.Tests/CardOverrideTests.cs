using System.Net;
using System.Net.Http.Json;

namespace WalletGateway.IssuerSimulator.Tests;

/// <summary>An administrator makes an issuer answer other card data for one member (for tests of bad issuer data), then restores it.</summary>
public sealed class CardOverrideTests
{
    [Fact]
    public async Task OverrideCard_ThenRestore_AnswersTheOverriddenFieldsThenTheIssuedCard()
    {
        await using var simulator = await Simulator.StartAsync();
        var member = (await simulator.CreateMembersAsync(Simulator.DemoCard, 1))[0];
        var path = $"/admin/issuers/{Simulator.DemoCard}/members/{member.MemberId}/card";

        using var changed = await simulator.Client.PutAsJsonAsync(path, new { expiry = "2031-13", cardholderName = "JOSÉ" }, Simulator.Ct);
        var overridden = await AuthenticateAsync(simulator, member.MemberId, member.AccessCode);
        using var restored = await simulator.Client.DeleteAsync(path, Simulator.Ct);
        var issued = await AuthenticateAsync(simulator, member.MemberId, await NewCodeAsync(simulator, member.MemberId));

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(("2031-13", "JOSÉ"), (overridden.Expiry, overridden.CardholderName));
        Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        Assert.Equal(overridden with { Expiry = issued.Expiry, CardholderName = issued.CardholderName }, issued);
        Assert.Matches("^[0-9]{4}-[0-9]{2}$", issued.Expiry);
    }

    [Fact]
    public async Task OverrideCard_UnknownMember_404()
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.Client.PutAsJsonAsync($"/admin/issuers/{Simulator.DemoCard}/members/M0/card", new { expiry = "x" }, Simulator.Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<AuthenticateResponse> AuthenticateAsync(Simulator simulator, string memberId, string accessCode)
    {
        using var response = await simulator.AuthenticateAsync(Simulator.DemoCard, memberId, accessCode);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AuthenticateResponse>(Simulator.Ct))!;
    }

    private static async Task<string> NewCodeAsync(Simulator simulator, string memberId)
    {
        using var response = await simulator.Client.PostAsync($"/admin/issuers/{Simulator.DemoCard}/members/{memberId}/codes", null, Simulator.Ct);
        return (await response.Content.ReadFromJsonAsync<AccessCodeResponse>(Simulator.Ct))!.AccessCode;
    }
}
