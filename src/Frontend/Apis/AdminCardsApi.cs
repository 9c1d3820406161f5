using Microsoft.AspNetCore.Http.HttpResults;
using WalletGateway.Contracts;
using WalletGateway.Contracts.Admin;
using WalletGateway.Frontend.Problems;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

/// <summary>Cards by issuer and card reference or by chip; suspend, resume, delete with a reason; the audit trail.</summary>
public static class AdminCardsApi
{
    public static RouteGroupBuilder MapAdminCards(this RouteGroupBuilder admin)
    {
        var api = admin.MapGroup("/cards");
        api.MapGet("/", ListByChipAsync).WithName("AdminCardsByChip").WithSummary("The cards written to a chip (?chipId=20 hex digits) and their status.")
            .ProducesProblems(GatewayError.InvalidRequest);
        api.MapGet("/{issuerId}/{cardRef}", GetAsync).WithName("AdminGetCard").WithSummary("One card by issuer and card reference, with its pending notices and dead letters.")
            .ProducesProblems(GatewayError.InvalidRequest, GatewayError.CardNotFound);
        api.MapPost("/{issuerId}/{cardRef}/suspend", SuspendAsync).WithName("AdminSuspendCard").WithSummary("Active → suspended, with a reason code and who asked.")
            .ProducesBodyProblems().ProducesProblems(GatewayError.CardNotFound, GatewayError.CardStateConflict);
        api.MapPost("/{issuerId}/{cardRef}/resume", ResumeAsync).WithName("AdminResumeCard").WithSummary("Suspended → active; deleted → writable again.")
            .ProducesBodyProblems().ProducesProblems(GatewayError.CardNotFound, GatewayError.CardStateConflict);
        api.MapPost("/{issuerId}/{cardRef}/delete", DeleteAsync).WithName("AdminDeleteCard").WithSummary("→ deleted: frees the chip, not writable until resumed.")
            .ProducesBodyProblems().ProducesProblems(GatewayError.CardNotFound, GatewayError.CardStateConflict);
        api.MapGet("/{issuerId}/{cardRef}/audit", AuditAsync).WithName("AdminCardAudit").WithSummary("The card's hash-chained audit trail and its verification.")
            .ProducesProblems(GatewayError.InvalidRequest, GatewayError.CardNotFound);
        return admin;
    }

    public static async Task<Ok<AdminChipCardResponse[]>> ListByChipAsync(string? chipId, IGrainFactory grains)
    {
        var chip = RequestValidation.RequireHex(chipId, "chipId", exactBytes: 10).ToUpperInvariant();
        var cards = await ChipCards.ReadAsync(chip, grains);
        return TypedResults.Ok(cards.Select(c => new AdminChipCardResponse(c.Location.IssuerId, c.Location.CardRef,
            c.View.CardId ?? c.Location.CardId, c.View.Status.ToWire(), c.View.ChipId == chip, c.RemovalPending ? c.View.RemovalPendingCardId : null)).ToArray());
    }

    public static async Task<Ok<AdminCardResponse>> GetAsync(string issuerId, string cardRef, IGrainFactory grains)
    {
        var view = await Card(grains, issuerId, cardRef).GetAsync();
        if (view is { Status: CardStatus.Unprovisioned, AuditRecords: 0 })
        {
            throw new GatewayException(GatewayError.CardNotFound, "The gateway has no record of this card.");
        }

        return TypedResults.Ok(ToResponse(issuerId, cardRef, view));
    }

    public static async Task<Ok<AdminCardResponse>> SuspendAsync(string issuerId, string cardRef, CardChangeRequest request, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(ToResponse(issuerId, cardRef, await Card(grains, issuerId, cardRef).SuspendAsync(Change(request, http))));

    public static async Task<Ok<AdminCardResponse>> ResumeAsync(string issuerId, string cardRef, CardChangeRequest request, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(ToResponse(issuerId, cardRef, await Card(grains, issuerId, cardRef).ResumeAsync(Change(request, http))));

    public static async Task<Ok<AdminCardResponse>> DeleteAsync(string issuerId, string cardRef, CardChangeRequest request, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(ToResponse(issuerId, cardRef, await Card(grains, issuerId, cardRef).DeleteAsync(Change(request, http))));

    public static async Task<Ok<AuditTrailResponse>> AuditAsync(string issuerId, string cardRef, IGrainFactory grains)
    {
        var card = Card(grains, issuerId, cardRef);
        var trail = await card.GetAuditAsync();
        if (trail.Records.Count == 0 && trail.Verification.ExpectedRecords == 0)
        {
            throw new GatewayException(GatewayError.CardNotFound, "The gateway has no record of this card.");
        }

        var v = trail.Verification;
        return TypedResults.Ok(new AuditTrailResponse(issuerId, cardRef,
            [.. trail.Records.Select(r => new AuditRecordResponse(r.Seq, r.At, r.Event, r.Actor, SessionIds.Format(r.SessionId), r.ChipId, r.CardId, r.Reason, r.PreviousHash, r.Hash))],
            new AuditVerificationResponse(v.Valid, v.ExpectedRecords, v.FirstBadSeq, v.Problem)));
    }

    private static ICardGrain Card(IGrainFactory grains, string issuerId, string cardRef)
    {
        RequestValidation.RequireText(issuerId, "issuerId", 64);
        RequestValidation.RequireText(cardRef, "cardRef", 100);
        return grains.GetGrain<ICardGrain>(CardKey.For(issuerId, cardRef));
    }

    private static CardChange Change(CardChangeRequest request, HttpContext http)
    {
        var reason = RequestValidation.RequireReasonCode(request.Reason);
        if (!WireNames.TryParseCardActor(RequestValidation.RequireText(request.RequestedBy, "requestedBy", 20), out var requestedBy))
        {
            throw new GatewayException(GatewayError.InvalidRequest, "'requestedBy' must be member, issuer or operator.");
        }

        return new CardChange(reason, requestedBy, AdminApi.OperatorOf(http));
    }

    private static AdminCardResponse ToResponse(string issuerId, string cardRef, CardView v) => new(
        issuerId, cardRef, v.Status.ToWire(), v.CardId, v.ChipId, SessionIds.Format(v.SessionId), v.LeaseUntil, v.ActivatedAt,
        v.Reason, v.ChangedBy, v.ChangedAt, v.PendingNotifications, v.AuditRecords,
        [.. v.DeadLetters.Select(d => new AdminDeadLetterResponse(d.Kind, d.MessageId, d.ChipId, d.CardId, d.Reason, d.Status, d.Attempts, d.CreatedAt, d.ParkedAt))]);
}
