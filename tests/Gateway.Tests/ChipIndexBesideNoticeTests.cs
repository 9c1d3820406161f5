using System.Net.Http.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Gateway.Tests;

/// <summary>A gateway whose activation notices to demo-card are held (<see cref="HeldNotices"/>) until the test lets them go.</summary>
public sealed class HeldNoticeFixture : GatewayFixture
{
    public HeldNotices Notices { get; } = new();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        // A held notice is not cut short by a timeout while the test looks at the chip index.
        settings["WalletGateway:Issuers:demo-card:Timeout"] = "00:01:00";
        settings["WalletGateway:Notifications:AttemptTimeout"] = "00:01:00";
    }

    protected override void ConfigureGateway(WebApplicationBuilder builder) =>
        builder.Services.AddHttpClient(IssuerClient.HttpClientName).AddHttpMessageHandler(() => new HoldingHandler(Notices));

    /// <summary>Inside the issuer client's pipeline: holds each activation notice (<c>POST …/provisioning/complete</c>) while <see cref="HeldNotices.Holding"/>.</summary>
    private sealed class HoldingHandler(HeldNotices notices) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/provisioning/complete", StringComparison.Ordinal)
                && notices.Holding)
            {
                Interlocked.Increment(ref notices.Held);
                try
                {
                    await notices.Released.Task.WaitAsync(cancellationToken);
                }
                finally
                {
                    Interlocked.Increment(ref notices.Ended);
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>What the fixture's handler did with the activation notices.</summary>
public sealed class HeldNotices
{
    public volatile bool Holding = true;

    /// <summary>Notices that reached the handler while holding.</summary>
    public int Held;

    /// <summary>Held notices whose wait is over (released, or cut short by the issuer client).</summary>
    public int Ended;

    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release()
    {
        Holding = false;
        Released.TrySetResult();
    }
}

/// <summary>
/// A card's chip index rows are not held back by its issuer: they are queued beside the activation notice, so they are
/// stored while the notice is still on its way (an issuer that is slow or down delays only the notice).
/// </summary>
public sealed class ChipIndexBesideNoticeTests(HeldNoticeFixture fixture) : IClassFixture<HeldNoticeFixture>
{
    [Fact]
    public async Task ActivationNoticeHeldByTheIssuer_ChipAndDeviceRowsStoredMeanwhile_CardListedOnceTheNoticeIsThrough()
    {
        var (chip, provisioned, token, _) = await fixture.ProvisionAsync();
        try
        {
            // Read from the table itself: while its notice is held, the card grain is busy with it (a timer turn holds
            // the card's calls), so the chip's card list, which asks the card its status, would wait too.
            await Eventually.TrueAsync(async () => (await IndexRowsAsync(provisioned.CardId)).Count == 2);

            Assert.True(Volatile.Read(ref fixture.Notices.Held) >= 1, "the activation notice never reached the issuer client");
            Assert.Equal(0, Volatile.Read(ref fixture.Notices.Ended));
            var rows = await IndexRowsAsync(provisioned.CardId);
            Assert.Single(rows, r => r.PartitionKey.StartsWith("chips", StringComparison.Ordinal) && r.RowKey.Contains(chip.ChipId, StringComparison.Ordinal));
            Assert.Single(rows, r => r.PartitionKey.StartsWith("devices", StringComparison.Ordinal) && r.GetString("ChipId") == chip.ChipId);
        }
        finally
        {
            fixture.Notices.Release();
        }

        await Eventually.TrueAsync(async () =>
            (await fixture.Simulator.GetFromJsonAsync<Notification[]>("admin/issuers/demo-card/notifications", TestContext.Current.CancellationToken))!
            .Any(n => n.CardId == provisioned.CardId && n.Kind == "complete"));
        Assert.Equal(provisioned.CardId, Assert.Single(await fixture.Client.ListChipCardsAsync(token, chip.ChipId)).CardId);
    }

    /// <summary>The chip index table's rows (chip rows and device rows) naming <paramref name="cardId"/>.</summary>
    private async Task<List<TableEntity>> IndexRowsAsync(string cardId)
    {
        var table = new TableClient(Environment.GetEnvironmentVariable("WALLETGATEWAY_TEST_STORAGE"),
            fixture.LastSettings["WalletGateway:Audit:ChipIndexTableName"]);
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.GetString("CardId") == cardId))
            {
                rows.Add(row);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No row written yet in this fixture's table.
        }

        return rows;
    }

    private sealed record Notification(string CardId, string Kind);
}
