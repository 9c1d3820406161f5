using System.Net.Http.Json;
using System.Text.Json;

namespace WalletGateway.Gateway.Tests;

/// <summary>A gateway whose outbox retries fast (100 ms doubling to 500 ms, reminder every 3 s), with operator helpers.</summary>
public sealed class OperatorFixture : GatewayFixture
{
    public const string ApiKey = "dev-admin-key";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["WalletGateway:Notifications:RetryDelay"] = "00:00:00.100";
        settings["WalletGateway:Notifications:MaxRetryDelay"] = "00:00:00.500";
        settings["WalletGateway:Notifications:ReminderPeriod"] = "00:00:03";
        settings["WalletGateway:Notifications:AttemptTimeout"] = "00:00:02";
    }

    /// <summary>An operator call with the API key; returns status and parsed body.</summary>
    public async Task<(int Status, JsonElement Body, string Text)> AdminAsync(HttpMethod method, string path, object? body = null, string? apiKey = ApiKey)
    {
        using var request = new HttpRequestMessage(method, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        request.Headers.Add("X-Operator", "alice");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Gateway.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    /// <summary>The card reference of the card on <paramref name="chipId"/>, from the operator's lookup by chip (the index row is written after the answer).</summary>
    public async Task<string> CardRefOnChipAsync(string chipId, string issuerId = "demo-card")
    {
        string? cardRef = null;
        await Eventually.TrueAsync(async () =>
        {
            var (status, body, _) = await AdminAsync(HttpMethod.Get, $"admin/cards?chipId={chipId}");
            cardRef = status == 200 ? body.EnumerateArray().Where(c => c.GetProperty("issuerId").GetString() == issuerId)
                .Select(c => c.GetProperty("cardRef").GetString()).FirstOrDefault() : null;
            return cardRef is not null;
        });
        return cardRef!;
    }

    /// <summary>What the simulated issuer received, by message id.</summary>
    public async Task<IssuerNotification[]> NotificationsAsync(string issuerId) =>
        (await Simulator.GetFromJsonAsync<IssuerNotification[]>($"admin/issuers/{issuerId}/notifications"))!;

    public sealed record IssuerNotification(string Kind, string MessageId, string CardRef, string? ChipId, string? CardId, string? Reason, int Count);
}

[CollectionDefinition(Name)]
public sealed class OperatorCollection : ICollectionFixture<OperatorFixture>
{
    public const string Name = "operator";
}
