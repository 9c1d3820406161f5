using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Grains.Cards;

// Taking the card off a chip (docs/architecture.md, "Card lifecycle"): a removal session asks to begin (held in memory,
// so a provisioning of the card cannot interleave), and once the chip's DF71 answer verified the card records it in one
// write. A delete, or a suspension for loss, of a card on a chip leaves that chip's removal pending (a remote wipe).
public sealed partial class CardGrain
{
    /// <summary>Suspension reasons that mean the phone is gone: the card's chip gets a pending removal.</summary>
    private static readonly string[] LossReasons = ["lost-phone", "lost", "stolen"];

    /// <summary>A removal session running now (in memory: a lost activation simply ends it, the completion checks again).</summary>
    private RunningRemoval? _removal;

    public Task BeginRemovalAsync(Guid sessionId, string chipId, string cardId, DateTimeOffset until, string deviceId)
    {
        var now = clock.UtcNow;
        if (_removal is { } running && running.SessionId == sessionId)
        {
            return Task.CompletedTask;
        }

        if (RemovalTarget(chipId, cardId) is null)
        {
            throw new GatewayException(GatewayError.CardNotFound, "The gateway has no such card on this chip.");
        }

        if (_removal is { } other && other.Until > now)
        {
            throw new GatewayException(GatewayError.CardBusy, "This card is being taken off a phone right now.", retryAfter: other.Until - now);
        }

        if ((_held is { } held && held.Until > now) || (card.State.Status == CardStatus.Provisioning && card.State.LeaseUntil > now))
        {
            throw new GatewayException(GatewayError.CardBusy, "This card is being written to a phone right now.");
        }

        _removal = new RunningRemoval(sessionId, chipId, cardId, deviceId, until);
        return Task.CompletedTask;
    }

    public async Task<CardView> CompleteRemovalAsync(Guid sessionId, string chipId, string cardId, string deviceId, bool removed)
    {
        var state = card.State;
        if (state.LastRemovalSessionId == sessionId)
        {
            return View();
        }

        // The hold may have been lost with an activation (the card is checked again below); another session's hold wins.
        if (_removal is { } other && other.SessionId != sessionId && other.Until > clock.UtcNow)
        {
            throw new GatewayException(GatewayError.CardBusy, "This card is being taken off a phone by another session.");
        }

        var removal = new RunningRemoval(sessionId, chipId, cardId, deviceId, DateTimeOffset.MaxValue);

        // Checked again: an operator may have changed the card meanwhile (a delete makes the removal a wipe).
        var wipe = RemovalTarget(removal.ChipId, removal.CardId)
            ?? throw new GatewayException(GatewayError.CardNotFound, "The gateway has no such card on this chip any more.");
        var on = new CardLocationRow(removal.ChipId, removal.CardId);
        var kind = wipe ? "wipe" : "removal";
        var actor = Device(removal.DeviceId);
        var outcome = removed ? "removed" : "not-on-chip";
        Record(wipe ? "wiped" : "removed", actor, sessionId, outcome, on: on);
        Enqueue(wipe ? IssuerNoticeKinds.Wiped : IssuerNoticeKinds.Removed, $"{kind}-{sessionId:N}", outcome, requestedBy: null, on);
        if (state.ChipId == removal.ChipId && state.CardId == removal.CardId)
        {
            state.ChipId = null;
            if (state.Status is CardStatus.Active or CardStatus.Unconfirmed)
            {
                // Off its chip: writable again, to any chip, under a new card id.
                state.Status = CardStatus.Unprovisioned;
                state.CardId = null;
                state.ActivatedAt = null;
                state.Receipt = null;
            }
        }

        if (state.RemovalPendingChipId == removal.ChipId)
        {
            state.RemovalPendingChipId = null;
            state.RemovalPendingCardId = null;
            if (state.ChipIndexPending is null || state.ChipIndexPending.ChipId == removal.ChipId)
            {
                state.ChipIndexPending = new CardLocationRow(removal.ChipId, removal.CardId);
            }
        }

        state.LastRemoval = new CardRemoval(removal.ChipId, removal.CardId, clock.UtcNow, kind, removed);
        state.LastRemovalSessionId = sessionId;
        SetChange(outcome, actor);
        await WriteAsync();
        _removal = null;
        LogChanged(logger, Key, kind, outcome, actor);
        ScheduleWork(TimeSpan.Zero);
        return View();
    }

    public Task EndRemovalAsync(Guid sessionId)
    {
        if (_removal?.SessionId == sessionId)
        {
            _removal = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>Refuses a lease while a removal of the card runs (they must not interleave).</summary>
    private void EnsureNotBeingRemoved()
    {
        var now = clock.UtcNow;
        if (_removal is { } removal && removal.Until > now)
        {
            throw new GatewayException(GatewayError.CardBusy, "This card is being taken off a phone right now.", retryAfter: removal.Until - now);
        }
    }

    /// <summary>
    /// Whether <paramref name="cardId"/> on <paramref name="chipId"/> is this card for a removal: null when not, true when its
    /// removal is pending there (a wipe), false when the card is bound to that chip (active, suspended or unconfirmed).
    /// </summary>
    private bool? RemovalTarget(string chipId, string cardId)
    {
        var s = card.State;
        if (s.RemovalPendingChipId == chipId && s.RemovalPendingCardId == cardId)
        {
            return true;
        }

        return s.ChipId == chipId && s.CardId == cardId && s.Status is CardStatus.Active or CardStatus.Suspended or CardStatus.Unconfirmed
            ? false
            : null;
    }

    /// <summary>
    /// Part of a change's write: a delete, or a suspension for loss, of a card on a chip leaves that chip's removal pending;
    /// a suspended card resumed on its chip (the phone was found) no longer needs it.
    /// </summary>
    private void NoteRemovalForChange(CardStatus from, CardStatus to, string? reason)
    {
        var s = card.State;
        var onChip = s.ChipId is not null && s.CardId is not null && from is CardStatus.Active or CardStatus.Suspended or CardStatus.Unconfirmed;
        var lost = to == CardStatus.Deleted || (to == CardStatus.Suspended && reason is not null && LossReasons.Contains(reason, StringComparer.OrdinalIgnoreCase));
        if (onChip && lost)
        {
            s.RemovalPendingChipId = s.ChipId;
            s.RemovalPendingCardId = s.CardId;
            // The chip's row says so too: a session open on the chip asks only flagged cards' grains.
            s.ChipIndexPending = new CardLocationRow(s.ChipId!, s.CardId, RemovalPending: true);
        }
        else if (from == CardStatus.Suspended && to == CardStatus.Active && s.RemovalPendingChipId == s.ChipId)
        {
            s.RemovalPendingChipId = null;
            s.RemovalPendingCardId = null;
            s.ChipIndexPending = new CardLocationRow(s.ChipId!, s.CardId);
        }
    }

    private sealed record RunningRemoval(Guid SessionId, string ChipId, string CardId, string DeviceId, DateTimeOffset Until);
}
