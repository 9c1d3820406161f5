using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WalletGateway.Contracts;
using WalletGateway.Frontend.Hosting;
using WalletGateway.Hosting;
using WalletGateway.Frontend.Limits;
using WalletGateway.Frontend.Problems;
using WalletGateway.Frontend.Security;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

public static partial class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/sessions").WithTags("Sessions").RequireAuthorization()
            .ProducesEdgeProblems().ProducesProblems(GatewayError.InvalidDeviceToken);
        api.MapPost("/", OpenSessionAsync)
            .WithName("OpenSession")
            .WithSummary("Opens a card-writing session for a chip with an issuer.")
            .RequireTrustedNetwork()
            .ProducesBodyProblems()
            .ProducesProblems(GatewayError.UnknownIssuer, GatewayError.UntrustedNetwork, GatewayError.CardBusy, GatewayError.ChipBusy,
                GatewayError.IssuerUnavailable, GatewayError.StorageUnavailable);
        api.MapPost("/{sessionId}/authenticate", AuthenticateAsync)
            .WithName("AuthenticateMember")
            .WithSummary("Step 0: the member's one-time access code; answers the first APDUs for the chip.")
            .ProducesBodyProblems()
            .ProducesProblems(StepErrors)
            .ProducesProblems(GatewayError.InvalidAccessCode, GatewayError.MemberLocked, GatewayError.CardActive, GatewayError.CardSuspended,
                GatewayError.IssuerUnavailable);
        api.MapPost("/{sessionId}/remove", RemoveAsync)
            .WithName("RemoveCard")
            .WithSummary("Step 0 of a removal session: the card to take off the session's chip; answers the first APDUs for the chip.")
            .ProducesBodyProblems()
            .ProducesProblems(StepErrors)
            .ProducesProblems(GatewayError.CardNotFound, GatewayError.CardBusy);
        api.MapPost("/{sessionId}/relay", RelayAsync)
            .WithName("Relay")
            .WithSummary("Step n: the chip's responses to step n's APDUs; answers the next APDUs or the result.")
            .ProducesBodyProblems()
            .ProducesProblems(StepErrors)
            .ProducesProblems(GatewayError.ChipVerificationFailed, GatewayError.IssuerUnavailable, GatewayError.CardNotFound, GatewayError.CardBusy);
        api.MapDelete("/{sessionId}", AbortAsync)
            .WithName("AbortSession")
            .WithSummary("Abandons the session and releases the card.")
            .ProducesProblems(GatewayError.SessionOfAnotherDevice, GatewayError.SessionNotFound);
        api.MapGet("/{sessionId}", GetAsync)
            .WithName("GetSession")
            .WithSummary("The session's state, expected sequence number and expiry.")
            .ProducesProblems(GatewayError.SessionOfAnotherDevice, GatewayError.SessionNotFound);
        return app;
    }

    /// <summary>What any step of a session can answer: someone else's session, none, a step out of order or after the end.</summary>
    private static readonly GatewayError[] StepErrors =
        [GatewayError.SessionOfAnotherDevice, GatewayError.SessionNotFound, GatewayError.SequenceConflict, GatewayError.SessionClosed];

    public static async Task<Created<SessionOpenedResponse>> OpenSessionAsync(OpenSessionRequest request, ClaimsPrincipal user, IGrainFactory grains, SessionIdMinter ids, ILoggerFactory loggers)
    {
        var deviceId = user.DeviceId();
        var issuerId = RequestValidation.RequireText(request.IssuerId, "issuerId", 64);
        var chipId = RequestValidation.RequireHex(request.ChipId, "chipId", exactBytes: 10);
        // The catalog answers for any id: a made-up issuer id activates nothing.
        if (await GrainCalls.RetryRejectedAsync(() => grains.GetGrain<IIssuerCatalogGrain>(0).FindAsync(issuerId)) is null)
        {
            throw new GatewayException(GatewayError.UnknownIssuer, $"No issuer '{issuerId}': pick one from GET /v1/issuers.");
        }

        // Through the device's gateway: the session runs beside its device (SessionIdMinter).
        var sessionId = ids.NewSessionId(deviceId);
        var session = grains.GetGrain<ITerminalSessionGrain>(sessionId);
        var pending = RemovalsPendingAsync(chipId.ToUpperInvariant(), grains, loggers.CreateLogger("WalletGateway.Frontend.Sessions"));
        var view = await GrainCalls.RetryRejectedAsync(() => session.OpenAsync(deviceId, issuerId, chipId));
        var removals = await pending;
        return TypedResults.Created($"/v1/sessions/{SessionIds.Format(sessionId)}", new SessionOpenedResponse(SessionIds.Format(sessionId), view.Seq, view.ExpiresAt)
        {
            RemovalsPending = removals.Length > 0 ? removals : null,
        });
    }

    public static async Task<Ok<SessionStepResponse>> AuthenticateAsync(string sessionId, AuthenticateRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (session, deviceId) = Resolve(sessionId, user, grains);
        var seq = RequestValidation.RequireSeq(request.Seq);
        var memberId = RequestValidation.RequireText(request.MemberId, "memberId", 64);
        var accessCode = RequestValidation.RequireText(request.AccessCode, "accessCode", 64);
        return TypedResults.Ok(ToBody(await GrainCalls.RetryRejectedAsync(() => session.AuthenticateAsync(deviceId, seq, memberId, accessCode))));
    }

    public static async Task<Ok<SessionStepResponse>> RemoveAsync(string sessionId, RemoveRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (session, deviceId) = Resolve(sessionId, user, grains);
        var seq = RequestValidation.RequireSeq(request.Seq);
        var cardId = RequestValidation.RequireText(request.CardId, "cardId", 64);
        return TypedResults.Ok(ToBody(await GrainCalls.RetryRejectedAsync(() => session.RemoveAsync(deviceId, seq, cardId))));
    }

    public static async Task<Ok<SessionStepResponse>> RelayAsync(string sessionId, RelayRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (session, deviceId) = Resolve(sessionId, user, grains);
        var seq = RequestValidation.RequireSeq(request.Seq);
        var responses = RequestValidation.RequireResponses(request.Responses);
        return TypedResults.Ok(ToBody(await GrainCalls.RetryRejectedAsync(() => session.RelayAsync(deviceId, seq, responses))));
    }

    public static async Task<NoContent> AbortAsync(string sessionId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (session, deviceId) = Resolve(sessionId, user, grains);
        await session.AbortAsync(deviceId);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<SessionStateResponse>> GetAsync(string sessionId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (session, deviceId) = Resolve(sessionId, user, grains);
        var view = await session.GetAsync(deviceId);
        return TypedResults.Ok(new SessionStateResponse(view.State.ToWire(), view.Seq, view.ExpiresAt));
    }

    private static (ITerminalSessionGrain Session, string DeviceId) Resolve(string sessionId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var deviceId = user.DeviceId();
        // An id that cannot be a session id names no session.
        if (!SessionIds.TryParse(sessionId, out var id))
        {
            throw new GatewayException(GatewayError.SessionNotFound, "Unknown or expired session.");
        }

        return (grains.GetGrain<ITerminalSessionGrain>(id), deviceId);
    }

    private static SessionStepResponse ToBody(StepResponse step) => new()
    {
        Seq = step.Seq,
        Apdus = step.Done ? null : step.Apdus,
        Done = step.Done,
        Card = step.Card is { } card ? new CardPreview(card.Last4, card.Expiry) { Renewal = card.Renewal } : null,
        Result = step.Result is { } result ? new ProvisioningOutcome(result.Status, result.CardId) { Removed = result.Removed } : null,
    };

    /// <summary>The cards whose removal from <paramref name="chipId"/> is pending (remote wipes), told to any device of that chip.</summary>
    /// <remarks>
    /// Advisory: when the chip index does not answer, the open goes on without the list (the card grain still refuses the card
    /// anywhere until the removal verifies, and the chip's next contact tells again).
    /// </remarks>
    private static async Task<PendingRemoval[]> RemovalsPendingAsync(string chipId, IGrainFactory grains, ILogger logger)
    {
        try
        {
            var cards = await ChipCards.PendingRemovalsAsync(chipId, grains);
            return [.. cards.Select(c => new PendingRemoval(c.Location.IssuerId, c.Location.CardId!))];
        }
        catch (Exception e) when (e is GatewayException { Error: GatewayError.StorageUnavailable } or TimeoutException)
        {
            LogRemovalsUnknown(logger, e.GetType().Name);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session opened without its chip's pending removals: the chip index did not answer ({Failure})")]
    private static partial void LogRemovalsUnknown(ILogger logger, string failure);
}
