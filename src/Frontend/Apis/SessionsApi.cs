using Microsoft.AspNetCore.Http.HttpResults;
using WalletGateway.Contracts;
using WalletGateway.Frontend.Extensions;
using WalletGateway.Grains;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/sessions").WithTags("Sessions");
        api.MapPost("/", OpenSessionAsync)
            .WithName("OpenSession")
            .WithSummary("Opens a card-writing session for a chip with an issuer.")
            .RequireTrustedNetwork();
        api.MapPost("/{sessionId}/authenticate", AuthenticateAsync)
            .WithName("AuthenticateMember")
            .WithSummary("Step 0: the member's one-time access code; answers the first APDUs for the chip.");
        api.MapPost("/{sessionId}/relay", RelayAsync)
            .WithName("Relay")
            .WithSummary("Step n: the chip's responses to step n's APDUs; answers the next APDUs or the result.");
        api.MapDelete("/{sessionId}", AbortAsync)
            .WithName("AbortSession")
            .WithSummary("Abandons the session and releases the card.");
        api.MapGet("/{sessionId}", GetAsync)
            .WithName("GetSession")
            .WithSummary("The session's state, expected sequence number and expiry.");
        return app;
    }

    public static async Task<Created<SessionOpenedResponse>> OpenSessionAsync(OpenSessionRequest request, HttpContext http, IGrainFactory grains)
    {
        var deviceId = await DeviceAuthentication.RequireDeviceAsync(http, grains);
        var issuerId = RequestValidation.RequireText(request.IssuerId, "issuerId", 64);
        var chipId = RequestValidation.RequireHex(request.ChipId, "chipId", exactBytes: 10);
        if (await GrainCalls.RetryRejectedAsync(() => grains.GetGrain<IIssuerGrain>(issuerId).GetSummaryAsync()) is null)
        {
            throw new GatewayException(GatewayError.UnknownIssuer, $"No issuer '{issuerId}': pick one from GET /v1/issuers.");
        }

        var sessionId = Guid.NewGuid();
        var session = grains.GetGrain<ITerminalSessionGrain>(sessionId);
        var view = await GrainCalls.RetryRejectedAsync(() => session.OpenAsync(deviceId, issuerId, chipId));
        return TypedResults.Created($"/v1/sessions/{SessionIds.Format(sessionId)}", new SessionOpenedResponse(SessionIds.Format(sessionId), view.Seq, view.ExpiresAt));
    }

    public static async Task<Ok<SessionStepResponse>> AuthenticateAsync(string sessionId, AuthenticateRequest request, HttpContext http, IGrainFactory grains)
    {
        var (session, deviceId) = await ResolveAsync(sessionId, http, grains);
        var seq = RequestValidation.RequireSeq(request.Seq);
        var memberId = RequestValidation.RequireText(request.MemberId, "memberId", 64);
        var accessCode = RequestValidation.RequireText(request.AccessCode, "accessCode", 64);
        return TypedResults.Ok(ToBody(await GrainCalls.RetryRejectedAsync(() => session.AuthenticateAsync(deviceId, seq, memberId, accessCode))));
    }

    public static async Task<Ok<SessionStepResponse>> RelayAsync(string sessionId, RelayRequest request, HttpContext http, IGrainFactory grains)
    {
        var (session, deviceId) = await ResolveAsync(sessionId, http, grains);
        var seq = RequestValidation.RequireSeq(request.Seq);
        var responses = RequestValidation.RequireResponses(request.Responses);
        return TypedResults.Ok(ToBody(await GrainCalls.RetryRejectedAsync(() => session.RelayAsync(deviceId, seq, responses))));
    }

    public static async Task<NoContent> AbortAsync(string sessionId, HttpContext http, IGrainFactory grains)
    {
        var (session, deviceId) = await ResolveAsync(sessionId, http, grains);
        await session.AbortAsync(deviceId);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<SessionStateResponse>> GetAsync(string sessionId, HttpContext http, IGrainFactory grains)
    {
        var (session, deviceId) = await ResolveAsync(sessionId, http, grains);
        var view = await session.GetAsync(deviceId);
        return TypedResults.Ok(new SessionStateResponse(view.State.ToWire(), view.Seq, view.ExpiresAt));
    }

    private static async Task<(ITerminalSessionGrain Session, string DeviceId)> ResolveAsync(string sessionId, HttpContext http, IGrainFactory grains)
    {
        var deviceId = await DeviceAuthentication.RequireDeviceAsync(http, grains);
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
        Card = step.Card is { } card ? new CardPreview(card.Last4, card.Expiry) : null,
        Result = step.Result is { } result ? new ProvisioningOutcome(result.Status, result.CardId) : null,
    };
}
