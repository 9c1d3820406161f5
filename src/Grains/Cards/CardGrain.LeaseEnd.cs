using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Grains.Cards;

// The end of a lease: by its session, or, when it runs out with no session ending it (its silo was lost, or the
// session's own end did not reach storage), by the card itself on its work timer or outbox reminder, retried until
// the write is durable, and before any new lease.
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
            await Reminder.EnsureAsync();
            SettleRanOutLease();
            await this.WriteDurablyAsync(card, metrics);
            return true;
        }
        catch (GatewayException)
        {
            return false;
        }
    }

    /// <summary>Ends the lease of a session that ended unfinished (a release's write records the abort notice in the outbox).</summary>
    private async Task EndLeaseAsync(Guid sessionId, bool mayBeOnChip, string reason)
    {
        if (card.State.Status != CardStatus.Provisioning || card.State.SessionId != sessionId)
        {
            return;
        }

        if (!mayBeOnChip)
        {
            await Reminder.EnsureAsync();
        }

        EndLease(sessionId, mayBeOnChip, reason);
        await this.WriteDurablyAsync(card, metrics);
        ScheduleWork(TimeSpan.Zero);
    }

    /// <summary>
    /// Ends the lease: when the chip may hold the card it stays bound to it (unconfirmed, same card id); otherwise it
    /// is free again and the issuer hears of the abort. Changes the state; the caller writes it.
    /// </summary>
    private void EndLease(Guid? sessionId, bool mayBeOnChip, string reason)
    {
        var state = card.State;
        var actor = Device(state.DeviceId);
        if (mayBeOnChip)
        {
            state.Status = CardStatus.Unconfirmed;
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
