using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;

namespace WalletGateway.IssuerSimulator.Tests;

/// <summary>A simulator on a free loopback port with a client for it; one per test, so state never leaks.</summary>
internal sealed class Simulator : IAsyncDisposable
{
    public const string DemoCard = "demo-card";
    public const string SampleBank = "sample-bank";
    public const string Username = "walletgateway";
    public const string DemoCardPassword = "demo-card-dev-secret";
    public const string SampleBankPassword = "sample-bank-dev-secret";

    private readonly WebApplication _app;

    private Simulator(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Simulator> StartAsync()
    {
        var app = IssuerSimulatorApp.Create(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Error"]);
        await app.StartAsync(Ct);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
        return new Simulator(app, client);
    }

    public static AuthenticationHeaderValue Basic(string username, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    public static AuthenticationHeaderValue Credential(string issuerId) =>
        Basic(Username, issuerId == SampleBank ? SampleBankPassword : DemoCardPassword);

    public async Task<IReadOnlyList<MemberAccess>> CreateMembersAsync(string issuerId, int count)
    {
        using var response = await Client.PostAsJsonAsync($"/admin/issuers/{issuerId}/members", new { count }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<MemberAccess>>(Ct))!;
    }

    public Task<HttpResponseMessage> PostIssuerAsync(string issuerId, string path, object body, AuthenticationHeaderValue? credential = null) =>
        PostIssuerRawAsync(issuerId, path, JsonContent.Create(body), credential ?? Credential(issuerId));

    public async Task<HttpResponseMessage> PostIssuerRawAsync(string issuerId, string path, HttpContent content, AuthenticationHeaderValue? credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/issuers/{issuerId}/{path}") { Content = content };
        request.Headers.Authorization = credential;
        return await Client.SendAsync(request, Ct);
    }

    public Task<HttpResponseMessage> AuthenticateAsync(string issuerId, string memberId, string accessCode) =>
        PostIssuerAsync(issuerId, "members/authenticate", new { memberId, accessCode });

    public async Task<IssuerStatsSnapshot> StatsAsync(string issuerId)
    {
        var stats = await Client.GetFromJsonAsync<StatsResponse>("/admin/stats", Ct);
        return stats!.Issuers[issuerId];
    }

    public async Task SetFaultAsync(FaultSettings fault)
    {
        using var response = await Client.PostAsJsonAsync("/admin/faults", fault, Ct);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
