using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;
namespace WalletGateway.Grains.Cards;

// Operator changes (suspend, resume, delete) and reads.
public sealed partial class CardGrain
{
    public async Task<CardView> SuspendAsync(CardChange change)
    {
        var state = card.State;
        EnsureKnown();
        switch (state.Status)
        {
            case CardStatus.Suspended:
                return View();
            case not CardStatus.Active:
                throw Conflict("suspended", "only an active card can be suspended");
        }

        await ChangeAsync(CardStatus.Suspended, "suspended", IssuerNoticeKinds.Suspend, change);
        return View();
    }

    public async Task<CardView> ResumeAsync(CardChange change)
    {
        var state = card.State;
        EnsureKnown();
        switch (state.Status)
        {
            case CardStatus.Active:
                return View();
            case CardStatus.Suspended when state.ChipId is null:
                // Taken off its chip while suspended (a removal or a wipe): like a deleted card, writable again, to any chip.
                await ChangeAsync(CardStatus.Unprovisioned, "resumed", IssuerNoticeKinds.Resume, change);
                return View();
            case CardStatus.Suspended:
                await ChangeAsync(CardStatus.Active, "resumed", IssuerNoticeKinds.Resume, change);
                return View();
            case CardStatus.Deleted:
                // A deleted card left its chip: resuming it makes it writable again, to any chip.
                await ChangeAsync(CardStatus.Unprovisioned, "resumed", IssuerNoticeKinds.Resume, change);
                return View();
            default:
                throw Conflict("resumed", "only a suspended or deleted card can be resumed");
        }
    }

    public async Task<CardView> DeleteAsync(CardChange change)
    {
        var state = card.State;
        EnsureKnown();
        if (state.Status == CardStatus.Deleted)
        {
            return View();
        }

        if (state.Status == CardStatus.Provisioning && state.LeaseUntil > clock.UtcNow)
        {
            throw Conflict("deleted", "it is being written to a phone right now; try again when that session has ended");
        }

        await ChangeAsync(CardStatus.Deleted, "deleted", IssuerNoticeKinds.Delete, change);
        return View();
    }

    public Task<CardView> GetAsync() => Task.FromResult(View());

    public async Task<AuditTrail> GetAuditAsync()
    {
        IReadOnlyList<AuditRecord> stored;
        try
        {
            stored = await auditLog.ReadAsync(GrainContext.GrainId, StorageNames.CardState, CancellationToken.None);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw new GatewayException(GatewayError.StorageUnavailable, "The audit table did not answer; try again shortly.",
                retryAfter: TimeSpan.FromSeconds(5));
        }

        var records = stored.OrderBy(r => r.Seq).ToList();
        return new AuditTrail(records, auditLog.Chain.Verify(records, card.State.AuditSeq, card.State.AuditHead));
    }

    /// <summary>One write: the new status, its audit record (with the chip it concerns) and the issuer's notice.</summary>
    private async Task ChangeAsync(CardStatus status, string @event, string noticeKind, CardChange change)
    {
        var state = card.State;
        var actor = ActorOf(change);
        var requestedBy = change.RequestedBy.ToWire();
        Record(@event, actor, sessionId: null, change.Reason);
        Enqueue(noticeKind, $"{noticeKind}-{Guid.NewGuid():N}", change.Reason, requestedBy);
        NoteRemovalForChange(state.Status, status, change.Reason);
        state.Status = status;
        state.SessionId = null;
        state.LeaseUntil = null;
        state.CardDataOut = false;
        if (status == CardStatus.Deleted)
        {
            // The chip slot is free: no chip is bound to this card any more.
            state.ChipId = null;
        }
        else if (status == CardStatus.Unprovisioned)
        {
            state.CardId = null;
        }

        SetChange(change.Reason, actor);
        await WriteAsync();
        LogChanged(logger, Key, @event, change.Reason, actor);
        ScheduleWork(TimeSpan.Zero);
    }

    private void EnsureKnown()
    {
        if (card.State is { Status: CardStatus.Unprovisioned, AuditSeq: 0 })
        {
            throw new GatewayException(GatewayError.CardNotFound, "The gateway has no record of this card.");
        }
    }

    private GatewayException Conflict(string wanted, string why) =>
        new(GatewayError.CardStateConflict, $"The card is {card.State.Status.ToWire()} and cannot be {wanted}: {why}.");

    private static string ActorOf(CardChange change) =>
        change.RequestedBy.ToWire() + (change.Operator is { Length: > 0 } name ? $" via operator:{name}" : "");

    private CardView View()
    {
        var s = card.State;
        return new CardView(s.Status, s.CardId, s.ChipId, s.SessionId, s.LeaseUntil, s.ActivatedAt)
        {
            Reason = s.Reason,
            ChangedBy = s.ChangedBy,
            ChangedAt = s.ChangedAt,
            PendingNotifications = s.Outbox.Count,
            AuditRecords = (int)s.AuditSeq,
            DeadLetters = [.. s.DeadLetters],
            DeviceId = s.DeviceId,
            RemovalPendingChipId = s.RemovalPendingChipId,
            RemovalPendingCardId = s.RemovalPendingCardId,
            LastRemoval = s.LastRemoval,
        };
    }
}
