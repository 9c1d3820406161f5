using System.Net.Http.Json;
using System.Text.Json;

namespace WalletGateway.Gateway.Tests;

/// <summary>A gateway whose outbox retries fast (100 ms doubling to 500 ms, reminder every 3 s), with operator helpers.</summary>
public class OperatorFixture : GatewayFixture
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
        var reply = await SendAsync(method, path, body, apiKey is null ? [("X-Operator", "alice")] : [("X-Api-Key", apiKey), ("X-Operator", "alice")]);
        return (reply.Status, reply.Body, reply.Text);
    }

    /// <summary>A call with the given headers (to <paramref name="via"/>, else the gateway): status, parsed body, and the headers a refusal is judged by.</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body, IEnumerable<(string Name, string Value)> headers, HttpClient? via = null)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await (via ?? Gateway).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), text,
            response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.ToString(), response.Headers.WwwAuthenticate.ToString());
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

    public sealed record Reply(int Status, JsonElement Body, string Text, string? ContentType, string? RetryAfter, string WwwAuthenticate);

    public sealed record IssuerNotification(string Kind, string MessageId, string CardRef, string? ChipId, string? CardId, string? Reason, int Count);
}

[CollectionDefinition(Name)]
public sealed class OperatorCollection : ICollectionFixture<OperatorFixture>
{
    public const string Name = "operator";
}
