using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using WalletGateway.Grains.Interfaces;
using WalletGateway.SecureChannel;

namespace WalletGateway.Grains.Issuers;

/// <summary>
/// Calls issuers' existing systems over HTTP, each in its own protocol (<see cref="IssuerOptions.Protocol"/>:
/// <see cref="JsonIssuerProtocol"/>, <see cref="LegacyIssuerProtocol"/>) with its own credential, inside the
/// issuer's budget. Timeouts (<see cref="IssuerOptions.Timeout"/>) and a circuit breaker per issuer come from the HTTP
/// client's resilience handler.
/// </summary>
public sealed partial class IssuerClient(
    IHttpClientFactory httpClients,
    IssuerDirectory directory,
    IEnumerable<IIssuerProtocol> protocols,
    IssuerBudgets budgets,
    LimiterMetrics limiterMetrics,
    IssuerMetrics issuerMetrics,
    GatewayClock clock,
    ILogger<IssuerClient> logger)
{
    public const string HttpClientName = "issuers";

    /// <summary>Request option that keys the resilience pipeline (circuit breaker) by issuer.</summary>
    public static readonly HttpRequestOptionsKey<string> IssuerIdOption = new("walletgateway.issuer");

    /// <summary>Request option that carries the issuer's <see cref="IssuerOptions.Timeout"/> to the resilience pipeline.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> TimeoutOption = new("walletgateway.issuer.timeout");

    private readonly Dictionary<string, IIssuerProtocol> _protocols = protocols.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The enabled issuer's options, or null.</summary>
    public IssuerOptions? Find(string issuerId) => directory.Find(issuerId);

    /// <summary>
    /// Authenticates a member with their one-time access code and checks the card the issuer answered
    /// (<see cref="IssuerCardCheck"/>). Never retried: the code is consumed.
    /// </summary>
    public async Task<IssuerCard> AuthenticateMemberAsync(string issuerId, string memberId, string accessCode, CancellationToken cancellationToken)
    {
        const string operation = "authenticate";
        var issuer = directory.Find(issuerId)
            ?? throw new IssuerCallException(IssuerCallFailure.Unavailable, $"Issuer '{issuerId}' is not configured or disabled.");
        var protocol = ProtocolOf(issuer);
        using var request = protocol.CreateAuthenticate(issuer, memberId, accessCode);
        using var response = await SendAsync(issuerId, issuer, request, operation, cancellationToken);
        try
        {
            return IssuerCardCheck.ToCard(await protocol.ReadAuthenticateAsync(response, cancellationToken), clock.UtcNow);
        }
        catch (IssuerCallException e)
        {
            Observe(issuerId, operation, e);
            throw;
        }
    }

    /// <summary>One delivery attempt of a notice (the card's outbox retries over time); reaches disabled issuers too.</summary>
    public async Task NotifyOnceAsync(string issuerId, IssuerNotice notice, CancellationToken cancellationToken)
    {
        var issuer = directory.FindAny(issuerId)
            ?? throw new IssuerCallException(IssuerCallFailure.Unavailable, $"Issuer '{issuerId}' is not configured.");
        var protocol = ProtocolOf(issuer);
        if (!protocol.Sends(notice.Kind))
        {
            return;
        }

        using var request = protocol.CreateNotice(issuer, notice);
        using var response = await SendAsync(issuerId, issuer, request, notice.Kind, cancellationToken);
        try
        {
            await protocol.ReadNoticeAsync(response, cancellationToken);
        }
        catch (IssuerCallException e)
        {
            Observe(issuerId, notice.Kind, e);
            throw;
        }
    }

    /// <summary>Tells operators about an answer the gateway cannot use; a refused access code is the member's, not theirs.</summary>
    private void Observe(string issuerId, string operation, IssuerCallException e)
    {
        switch (e.Failure)
        {
            case IssuerCallFailure.CredentialRejected:
                issuerMetrics.CredentialRejected(issuerId, operation);
                LogCredentialRejected(logger, issuerId, operation);
                break;
            case IssuerCallFailure.Unavailable or IssuerCallFailure.InvalidCardData:
                issuerMetrics.Error(issuerId, operation, "unusable");
                LogUnusableAnswer(logger, issuerId, operation, e.Message);
                break;
        }
    }

    private IIssuerProtocol ProtocolOf(IssuerOptions issuer) =>
        _protocols.TryGetValue(issuer.Protocol, out var protocol)
            ? protocol
            : throw new IssuerCallException(IssuerCallFailure.Unavailable, $"No issuer protocol '{issuer.Protocol}'.");

    private async Task<HttpResponseMessage> SendAsync(
        string issuerId, IssuerOptions issuer, HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        request.Options.Set(IssuerIdOption, issuerId);
        request.Options.Set(TimeoutOption, issuer.Timeout);
        var slot = await budgets.For(issuerId, issuer).TryEnterAsync(issuer.MaxQueueWait, cancellationToken);
        if (slot is null)
        {
            limiterMetrics.Rejected("issuer");
            throw new IssuerCallException(IssuerCallFailure.OverBudget, $"The gateway's budget toward issuer '{issuerId}' is used up.");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                slot.Failed();
                issuerMetrics.Called(issuerId, operation, "error", Stopwatch.GetElapsedTime(started));
                issuerMetrics.Error(issuerId, operation, "status");
                LogErrorStatus(logger, issuerId, operation, (int)response.StatusCode);
            }
            else
            {
                slot.Succeeded();
                issuerMetrics.Called(issuerId, operation, "ok", Stopwatch.GetElapsedTime(started));
            }

            return response;
        }
        catch (Exception e) when ((e is HttpRequestException or TimeoutException or TaskCanceledException or ExecutionRejectedException)
                                  && !cancellationToken.IsCancellationRequested)
        {
            slot.Failed();
            issuerMetrics.Called(issuerId, operation, "unreachable", Stopwatch.GetElapsedTime(started));
            issuerMetrics.Error(issuerId, operation, "unreachable");
            LogCallFailed(logger, issuerId, operation, e.GetType().Name);
            throw new IssuerCallException(IssuerCallFailure.Unavailable, $"Issuer '{issuerId}' did not answer.", e);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Issuer {IssuerId} call {Operation} failed: {Reason}")]
    private static partial void LogCallFailed(ILogger logger, string issuerId, string operation, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Issuer {IssuerId} answered {Operation} with status {Status}")]
    private static partial void LogErrorStatus(ILogger logger, string issuerId, string operation, int status);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Issuer {IssuerId} gave an unusable answer to {Operation}: {Reason}")]
    private static partial void LogUnusableAnswer(ILogger logger, string issuerId, string operation, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error,
        Message = "Issuer {IssuerId} refused the gateway's credential on {Operation}: check the issuer's username and password")]
    private static partial void LogCredentialRejected(ILogger logger, string issuerId, string operation);
}
