using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using WalletGateway.SecureChannel;

namespace WalletGateway.Grains;

/// <summary>
/// Calls issuers' existing systems over HTTP (the JSON interface of DESIGN.md) with each issuer's own
/// credential. Timeouts and a circuit breaker per issuer come from the HTTP client's resilience handler;
/// only the idempotent notifications are retried.
/// </summary>
public sealed partial class IssuerClient(
    IHttpClientFactory httpClients,
    IOptionsMonitor<IssuerDirectoryOptions> directory,
    ResiliencePipelineProvider<string> pipelines,
    IssuerBudgets budgets,
    LimiterMetrics limiterMetrics,
    ILogger<IssuerClient> logger)
{
    public const string HttpClientName = "issuers";
    public const string NotificationPipeline = "issuer-notifications";

    /// <summary>Request option that keys the resilience pipeline (circuit breaker) by issuer.</summary>
    public static readonly HttpRequestOptionsKey<string> IssuerIdOption = new("walletgateway.issuer");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The enabled issuer's options, or null.</summary>
    public IssuerOptions? Find(string issuerId) =>
        directory.CurrentValue.Issuers.TryGetValue(issuerId, out var issuer) && issuer.Enabled ? issuer : null;

    public IReadOnlyList<IssuerSummary> List() =>
        [.. directory.CurrentValue.Issuers
            .Where(pair => pair.Value.Enabled)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new IssuerSummary(pair.Key, pair.Value.DisplayName))];

    /// <summary>Authenticates a member with their one-time access code. Never retried: the code is consumed.</summary>
    public async Task<IssuerCard> AuthenticateMemberAsync(string issuerId, string memberId, string accessCode, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(issuerId, "members/authenticate", new { memberId, accessCode }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new IssuerCallException(IssuerCallFailure.InvalidAccessCode, "The issuer refused the access code.");
        }

        EnsureSuccess(issuerId, response);
        var body = await ReadAsync<AuthenticateResponse>(issuerId, response, cancellationToken);
        if (body is not { CardRef: { Length: > 0 }, CardNumber: { Length: >= 12 and <= 19 }, Expiry: { Length: 7 }, CardholderName: not null, PaymentKey: not null }
            || !Hex.TryParse(body.PaymentKey, out var paymentKey) || paymentKey.Length != 16
            || !body.CardNumber.All(char.IsAsciiDigit))
        {
            LogUnusableAnswer(logger, issuerId, "members/authenticate");
            throw new IssuerCallException(IssuerCallFailure.Unavailable, "The issuer's answer is incomplete.");
        }

        return new IssuerCard(body.CardRef, body.CardNumber, body.Expiry, body.CardholderName, paymentKey);
    }

    /// <summary>Tells the issuer a card went active on a chip; retried, idempotent on <paramref name="messageId"/>.</summary>
    public Task NotifyCompleteAsync(string issuerId, string cardRef, string chipId, string cardId, string messageId, CancellationToken cancellationToken) =>
        NotifyAsync(issuerId, "provisioning/complete", new { cardRef, chipId, cardId, messageId }, cancellationToken);

    /// <summary>Tells the issuer a provisioning was abandoned; retried, idempotent on <paramref name="messageId"/>.</summary>
    public Task NotifyAbortAsync(string issuerId, string cardRef, string chipId, string cardId, string messageId, string reason, CancellationToken cancellationToken) =>
        NotifyAsync(issuerId, "provisioning/abort", new { cardRef, chipId, cardId, messageId, reason }, cancellationToken);

    private async Task NotifyAsync(string issuerId, string path, object body, CancellationToken cancellationToken)
    {
        var pipeline = pipelines.GetPipeline(NotificationPipeline);
        await pipeline.ExecuteAsync(async token =>
        {
            using var response = await SendAsync(issuerId, path, body, token);
            EnsureSuccess(issuerId, response);
        }, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(string issuerId, string path, object body, CancellationToken cancellationToken)
    {
        var issuer = Find(issuerId)
            ?? throw new IssuerCallException(IssuerCallFailure.Unavailable, $"Issuer '{issuerId}' is not configured.");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(issuer.BaseUrl!, path))
        {
            Content = JsonContent.Create(body, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{issuer.Username}:{issuer.Password}")));
        request.Options.Set(IssuerIdOption, issuerId);
        var slot = await budgets.For(issuerId, issuer).TryEnterAsync(issuer.MaxQueueWait, cancellationToken);
        if (slot is null)
        {
            limiterMetrics.Rejected("issuer");
            throw new IssuerCallException(IssuerCallFailure.OverBudget, $"The gateway's budget toward issuer '{issuerId}' is used up.");
        }

        try
        {
            var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                slot.Failed();
            }
            else
            {
                slot.Succeeded();
            }

            return response;
        }
        catch (Exception e) when ((e is HttpRequestException or TimeoutException or TaskCanceledException or ExecutionRejectedException)
                                  && !cancellationToken.IsCancellationRequested)
        {
            slot.Failed();
            LogCallFailed(logger, issuerId, path, e.GetType().Name);
            throw new IssuerCallException(IssuerCallFailure.Unavailable, $"Issuer '{issuerId}' did not answer.", e);
        }
    }

    private void EnsureSuccess(string issuerId, HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            LogErrorStatus(logger, issuerId, (int)response.StatusCode);
            throw new IssuerCallException(IssuerCallFailure.Unavailable, $"Issuer '{issuerId}' answered {(int)response.StatusCode}.");
        }
    }

    private async Task<T?> ReadAsync<T>(string issuerId, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            LogUnusableAnswer(logger, issuerId, response.RequestMessage?.RequestUri?.AbsolutePath ?? "");
            throw new IssuerCallException(IssuerCallFailure.Unavailable, "The issuer's answer is not JSON.");
        }
    }

    private sealed record AuthenticateResponse(string? CardRef, string? CardNumber, string? Expiry, string? CardholderName, string? PaymentKey);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Issuer {IssuerId} call {Path} failed: {Reason}")]
    private static partial void LogCallFailed(ILogger logger, string issuerId, string path, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Issuer {IssuerId} answered status {Status}")]
    private static partial void LogErrorStatus(ILogger logger, string issuerId, int status);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Issuer {IssuerId} gave an unusable answer to {Path}")]
    private static partial void LogUnusableAnswer(ILogger logger, string issuerId, string path);
}
