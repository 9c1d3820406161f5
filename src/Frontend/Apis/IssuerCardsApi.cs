using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WalletGateway.Contracts.Issuers;
using WalletGateway.Frontend.Limits;
using WalletGateway.Frontend.Problems;
using WalletGateway.Frontend.Security;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

/// <summary>
/// The issuer API under <c>/issuer</c> (docs/issuer-api.md): an issuer looks up, suspends, resumes and deletes its own cards
/// with its own key. The card is always found under the authenticated issuer's id: another issuer's card reference is
/// an unknown card (404), the same as one that does not exist.
/// </summary>
public static class IssuerCardsApi
{
    /// <summary>The issuer API's OpenAPI document, served at <c>/issuer/openapi/issuer.json</c> (behind the issuer key).</summary>
    public const string DocumentName = "issuer";

    public static IServiceCollection AddIssuerCardsApi(this IServiceCollection services)
    {
        services.AddIssuerKeyAuthentication();
        services.AddIssuerApiLimits();
        services.AddOpenApi(DocumentName, o => o.ShouldInclude = description => description.GroupName == DocumentName);
        return services;
    }

    public static IEndpointRouteBuilder MapIssuerCardsApi(this IEndpointRouteBuilder app)
    {
        var issuer = app.MapGroup("/issuer").WithTags("Issuer").WithGroupName(DocumentName)
            .RequireAuthorization(IssuerKeyAuthentication.Policy).RequireRateLimiting(IssuerApiLimits.Policy)
            .ProducesEdgeProblems().ProducesProblems(GatewayError.InvalidApiKey);
        issuer.MapOpenApi($"/openapi/{{documentName:regex(^{DocumentName}$)}}.json");
        var api = issuer.MapGroup("/v1/cards");
        api.MapGet("/{cardRef}", GetAsync).WithName("IssuerGetCard")
            .WithSummary("One of the calling issuer's cards: status, chip, last change, removal state.")
            .ProducesProblems(GatewayError.InvalidRequest, GatewayError.CardNotFound);
        api.MapPost("/{cardRef}/suspend", SuspendAsync).WithName("IssuerSuspendCard")
            .WithSummary("Active → suspended, with a reason code; a loss reason (lost-phone, lost, stolen) also wipes it off its chip.")
            .ProducesBodyProblems().ProducesProblems(GatewayError.CardNotFound, GatewayError.CardStateConflict);
        api.MapPost("/{cardRef}/resume", ResumeAsync).WithName("IssuerResumeCard")
            .WithSummary("Suspended → active; deleted → writable again.")
            .ProducesBodyProblems().ProducesProblems(GatewayError.CardNotFound, GatewayError.CardStateConflict);
        api.MapPost("/{cardRef}/delete", DeleteAsync).WithName("IssuerDeleteCard")
            .WithSummary("→ deleted: off its chip (remote wipe), not writable until resumed.")
            .ProducesBodyProblems().ProducesProblems(GatewayError.CardNotFound, GatewayError.CardStateConflict);
        return app;
    }

    public static async Task<Ok<IssuerCardResponse>> GetAsync(string cardRef, ClaimsPrincipal user, IGrainFactory grains)
    {
        var view = await Card(grains, user, cardRef).GetAsync();
        if (view is { Status: CardStatus.Unprovisioned, AuditRecords: 0 })
        {
            throw new GatewayException(GatewayError.CardNotFound, "The gateway has no record of this card.");
        }

        return TypedResults.Ok(ToResponse(cardRef, view));
    }

    public static async Task<Ok<IssuerCardResponse>> SuspendAsync(string cardRef, IssuerCardChangeRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(ToResponse(cardRef, await Card(grains, user, cardRef).SuspendAsync(Change(request))));

    public static async Task<Ok<IssuerCardResponse>> ResumeAsync(string cardRef, IssuerCardChangeRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(ToResponse(cardRef, await Card(grains, user, cardRef).ResumeAsync(Change(request))));

    public static async Task<Ok<IssuerCardResponse>> DeleteAsync(string cardRef, IssuerCardChangeRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(ToResponse(cardRef, await Card(grains, user, cardRef).DeleteAsync(Change(request))));

    /// <summary>The card under the authenticated issuer's id: never an id the request names.</summary>
    private static ICardGrain Card(IGrainFactory grains, ClaimsPrincipal user, string cardRef) =>
        grains.GetGrain<ICardGrain>(CardKey.For(user.IssuerId(), RequestValidation.RequireText(cardRef, "cardRef", 100)));

    private static CardChange Change(IssuerCardChangeRequest request) =>
        new(RequestValidation.RequireReasonCode(request.Reason), CardActor.Issuer, Operator: null) { ByIssuerApi = true };

    private static IssuerCardResponse ToResponse(string cardRef, CardView v) => new(
        cardRef, v.Status.ToWire(), v.CardId, v.ChipId, v.Reason, v.ChangedBy, v.ChangedAt,
        v.RemovalPendingChipId is { } pendingChip ? new IssuerCardRemovalPending(pendingChip, v.RemovalPendingCardId) : null,
        v.LastRemoval is { } r ? new IssuerCardRemoval(r.ChipId, r.CardId, r.At, r.Kind, r.Removed) : null);
}
