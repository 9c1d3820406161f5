using System.Net;
using System.Net.Http.Json;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>A gateway whose chip index reads (the table's GET requests) fail while <see cref="FailReads"/> is set.</summary>
public sealed class ChipIndexOutageFixture : GatewayFixture
{
    public ChipIndexReadFaults Faults { get; } = new();

    protected override void ConfigureGateway(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton(new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(Faults, disposeHandler: false)) });
}

/// <summary>Fails every query of the chip index table (GET with a filter) while <see cref="Failing"/>; counts what it failed.</summary>
public sealed class ChipIndexReadFaults() : DelegatingHandler(new SocketsHttpHandler())
{
    public volatile bool Failing;

    public int Failed;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Failing && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("TestChipCards", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref Failed);
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "Injected fault: no answer from storage.", statusCode: (HttpStatusCode?)null);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The chip index not answering is the storage's failure: 503 on the listing, and a session still opens.</summary>
public sealed class ChipIndexOutageTests(ChipIndexOutageFixture fixture) : IClassFixture<ChipIndexOutageFixture>
{
    [Fact]
    public async Task ChipIndexReadsFail_ListingIs503ProblemNot500_OpenStillSucceedsWithoutTheList_ThenBothRecover()
    {
        var (chip, provisioned, token, _) = await fixture.ProvisionAsync();
        // The chip index row is written within about a second of the answer.
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return (await fixture.Client.ListChipCardsAsync(token, chip.ChipId)).Count == 1;
            }
            catch (GatewayProblemException)
            {
                return false;
            }
        });

        fixture.Faults.Failing = true;
        try
        {
            var listing = await fixture.Gateway.SendAsync(Get($"v1/cards?chipId={chip.ChipId}", token), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, listing.StatusCode);
            Assert.Equal("application/problem+json", listing.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith("/storage-unavailable", (await listing.Content.ReadFromJsonAsync<ProblemBody>(TestContext.Current.CancellationToken))!.Type);

            var opened = await fixture.Client.OpenSessionAsync(token, "demo-card", chip.ChipId);
            Assert.Null(opened.RemovalsPending);
            await fixture.Client.AbortAsync(token, opened.SessionId);
            Assert.True(fixture.Faults.Failed >= 2, $"the chip index was read {fixture.Faults.Failed} times while failing");
        }
        finally
        {
            fixture.Faults.Failing = false;
        }

        var card = Assert.Single(await fixture.Client.ListChipCardsAsync(token, chip.ChipId));
        Assert.Equal((provisioned.CardId, "active"), (card.CardId, card.Status));
    }

    private static HttpRequestMessage Get(string path, string token) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", token) } };

    private sealed record ProblemBody(string Type);
}
