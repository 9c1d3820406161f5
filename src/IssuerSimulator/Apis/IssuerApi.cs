using Microsoft.AspNetCore.Http.HttpResults;

namespace WalletGateway.IssuerSimulator;

/// <summary>
/// The issuers' existing interface that the gateway calls. Unknown issuer, credentials,
/// faults and statistics are handled before these handlers by <see cref="IssuerGateMiddleware"/>.
/// </summary>
public static class IssuerApi
{
    private const string Complete = "complete";
    private const string Abort = "abort";

    public static RouteGroupBuilder MapIssuerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/issuers/{issuerId}").WithTags("Issuer");

        api.MapPost("/members/authenticate", AuthenticateMember)
            .WithMetadata(new IssuerEndpointMetadata(IssuerOperation.Authenticate))
            .WithName("AuthenticateMember")
            .WithSummary("Authenticate a member with a one-time access code and return their card")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/provisioning/complete", CompleteProvisioning)
            .WithMetadata(new IssuerEndpointMetadata(IssuerOperation.Complete))
            .WithName("CompleteProvisioning")
            .WithSummary("Notify the issuer that a card is active on a chip (idempotent on messageId)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/provisioning/abort", AbortProvisioning)
            .WithMetadata(new IssuerEndpointMetadata(IssuerOperation.Abort))
            .WithName("AbortProvisioning")
            .WithSummary("Notify the issuer that provisioning of a card was abandoned (idempotent on messageId)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/cards/lifecycle", CardLifecycle)
            .WithMetadata(new IssuerEndpointMetadata(IssuerOperation.Lifecycle))
            .WithName("CardLifecycle")
            .WithSummary("Notify the issuer that a card was suspended, resumed, deleted, removed from or wiped off a chip, or renewed (idempotent on messageId)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return api;
    }

    internal static Results<Ok<NotificationAck>, ProblemHttpResult, ValidationProblem> CardLifecycle(
        string issuerId,
        LifecycleRequest request,
        [AsParameters] IssuerServices services)
    {
        var validation = new Validation()
            .Required("cardRef", request.CardRef)
            .Required("messageId", request.MessageId)
            .Check(request.Event is "suspend" or "resume" or "delete" or "removed" or "wiped" or "renewed", "event",
                "'event' must be suspend, resume, delete, removed, wiped or renewed.")
            .Optional("chipId", request.ChipId)
            .Optional("cardId", request.CardId);
        return validation.IsValid
            ? Notify(issuerId, request.Event, new ProvisioningNotice(request.CardRef, request.ChipId, request.CardId, request.MessageId, request.Reason), services)
            : Problems.Invalid(validation.Errors);
    }

    internal static Results<Ok<AuthenticateResponse>, ProblemHttpResult, ValidationProblem> AuthenticateMember(
        string issuerId,
        AuthenticateRequest request,
        [AsParameters] IssuerServices services)
    {
        var validation = new Validation()
            .Required("memberId", request.MemberId)
            .Required("accessCode", request.AccessCode);
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation.Errors);
        }

        if (!services.Directory.TryGet(issuerId, out var issuer))
        {
            return Problems.UnknownIssuer(issuerId);
        }

        var member = issuer.FindMember(request.MemberId);
        if (member is null || !member.TryConsumeAccessCode(request.AccessCode))
        {
            issuer.Stats.FailedAuthentication();
            Log.AuthenticationRefused(services.Logger, issuerId, request.MemberId);
            return Problems.InvalidAccessCode();
        }

        var card = member.Card;
        Log.MemberAuthenticated(services.Logger, issuerId, member.MemberId, card.CardRef);
        return TypedResults.Ok(new AuthenticateResponse(card.CardRef, card.CardNumber, card.Expiry, card.CardholderName, card.PaymentKey));
    }

    internal static Results<Ok<NotificationAck>, ProblemHttpResult, ValidationProblem> CompleteProvisioning(
        string issuerId,
        CompleteRequest request,
        [AsParameters] IssuerServices services)
    {
        var validation = new Validation()
            .Required("cardRef", request.CardRef)
            .Required("chipId", request.ChipId)
            .Required("cardId", request.CardId)
            .Required("messageId", request.MessageId);
        return validation.IsValid
            ? Notify(issuerId, Complete, new ProvisioningNotice(request.CardRef, request.ChipId, request.CardId, request.MessageId, null), services)
            : Problems.Invalid(validation.Errors);
    }

    internal static Results<Ok<NotificationAck>, ProblemHttpResult, ValidationProblem> AbortProvisioning(
        string issuerId,
        AbortRequest request,
        [AsParameters] IssuerServices services)
    {
        var validation = new Validation()
            .Required("cardRef", request.CardRef)
            .Optional("chipId", request.ChipId)
            .Optional("cardId", request.CardId)
            .Required("messageId", request.MessageId);
        return validation.IsValid
            ? Notify(issuerId, Abort, new ProvisioningNotice(request.CardRef, request.ChipId, request.CardId, request.MessageId, request.Reason), services)
            : Problems.Invalid(validation.Errors);
    }

    private static Results<Ok<NotificationAck>, ProblemHttpResult, ValidationProblem> Notify(
        string issuerId,
        string kind,
        ProvisioningNotice notice,
        IssuerServices services)
    {
        if (!services.Directory.TryGet(issuerId, out var issuer))
        {
            return Problems.UnknownIssuer(issuerId);
        }

        var duplicate = !issuer.Record(kind, notice, services.Time.GetUtcNow());
        Log.NotificationReceived(services.Logger, issuerId, kind, notice.MessageId, notice.CardRef, duplicate);
        return TypedResults.Ok(new NotificationAck(notice.MessageId, duplicate));
    }
}
