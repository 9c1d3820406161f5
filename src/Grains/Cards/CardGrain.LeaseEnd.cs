using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Grains.Cards;

// The end of a lease: by its session, or, when it runs out with no session ending it (its silo was lost, or the
// session's own end did not reach storage), by the card itself when it next wakes (a call, or the sweep that finds its
// pending-work marker), retried until the write is durable, and before any new lease.
public sealed partial class CardGrain
{
    private const string LeaseRanOutReason = "lease-ran-out";

    private bool LeaseRanOut => card.State.Status == CardStatus.Provisioning && !(card.State.LeaseUntil > clock.UtcNow);

    /// <summary>Once card data went out the card may be on the lease's chip; before, it is free again.</summary>
    private void SettleRanOutLease() => EndLease(card.State.SessionId, card.State.CardDataOut, LeaseRanOutReason);

    /// <summary>Settles a lease that ran out; false when its write failed (the activation is then dropped and the reminder retries).</summary>
    private async Task<bool> TrySettleRanOutLeaseAsync()
    {
        if (!LeaseRanOut)
        {
            return true;
        }

        try
        {
            SettleRanOutLease();
            await WriteAsync();
            return true;
        }
        catch (GatewayException)
        {
            return false;
        }
    }

    /// <summary>
    /// Ends the lease of a session that ended unfinished (a release's write records the abort notice in the outbox). A
    /// lease still in memory only (no card data went out) is written together with its end, so the trail and the
    /// issuer hear of it as before; this write is on the failure path only.
    /// </summary>
    private async Task EndLeaseAsync(Guid sessionId, bool mayBeOnChip, string reason)
    {
        if (_held is { } held && held.SessionId == sessionId)
        {
            _held = null;
            try
            {
                if (EnsureWritable(sessionId, held.ChipId) is null)
                {
                    TakeLease(held);
                }
            }
            catch (GatewayException)
            {
                return; // the card changed meanwhile (an operator, another chip's lease): this lease never took hold
            }
        }
        else if (card.State.Status != CardStatus.Provisioning || card.State.SessionId != sessionId)
        {
            return;
        }

        EndLease(sessionId, mayBeOnChip, reason);
        await WriteAsync();
        ScheduleWork(TimeSpan.Zero);
    }

    /// <summary>
    /// Ends the lease: when the chip may hold the card it stays bound to it (unconfirmed, same card id); otherwise it
    /// is free again and the issuer hears of the abort. Changes the state; the caller writes it.
    /// </summary>
    private void EndLease(Guid? sessionId, bool mayBeOnChip, string reason)
    {
        var state = card.State;
        if (state.Renewing && !mayBeOnChip && state.Status == CardStatus.Provisioning)
        {
            KeepActiveAfterRenewal(sessionId, reason);
            return;
        }

        var actor = Device(state.DeviceId);
        if (mayBeOnChip)
        {
            state.Status = CardStatus.Unconfirmed;
            state.ChipIndexPending = new CardLocationRow(state.ChipId!, state.CardId);
            Record("unconfirmed", actor, sessionId, reason);
        }
        else
        {
            Record("released", actor, sessionId, reason);
            Enqueue(IssuerNoticeKinds.Abort, $"abort-{sessionId:N}", reason, requestedBy: null);
            state.Status = CardStatus.Unprovisioned;
            state.CardId = null;
            state.ChipId = null;
        }

        state.SessionId = null;
        state.LeaseUntil = null;
        state.CardDataOut = false;
        SetChange(reason, actor);
    }
}
