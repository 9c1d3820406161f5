using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Grains.Cards;

// Renewal (docs/architecture.md#grains): the issuer's new data for a card active on a chip, written to that same chip
// under the same card id (the applet replaces the record keyed by DF01). The lease is held in memory until card data goes out,
// like a first write's; from then on the card is bound to its chip as during any write, and its activation records "renewed".
public sealed partial class CardGrain
{
    private const string RenewalReason = "renewal";

    public Task<CardLease> AcquireRenewalLeaseAsync(Guid sessionId, string chipId, DateTimeOffset until, string deviceId, string receiptHex)
    {
        var now = clock.UtcNow;
        if (_held is { } held && held.SessionId == sessionId)
        {
            return Task.FromResult(new CardLease(held.CardId, held.Until));
        }

        if (_held is { } other && other.Until > now)
        {
            throw new GatewayException(GatewayError.CardBusy, "This card is being written to a phone right now.", retryAfter: other.Until - now);
        }

        EnsureRenewable(sessionId, chipId);
        var state = card.State;
        if (string.Equals(state.Receipt, receiptHex, StringComparison.OrdinalIgnoreCase))
        {
            throw new GatewayException(GatewayError.CardActive, "This card is already set up on this phone and up to date; there is nothing to renew.");
        }

        // In memory only, as a first write's lease: abandoned before card data goes out, the card simply stays active.
        _held = new HeldLease(sessionId, chipId, deviceId, state.CardId!, until, now, Renewal: true);
        return Task.FromResult(new CardLease(state.CardId!, until));
    }

    /// <summary>
    /// The renewal lease of <paramref name="sessionId"/> as card data is about to go out: the one held in memory, or, when that
    /// was lost with an activation (a write that failed drops it), the same terms again while the card is still active on
    /// <paramref name="chipId"/> under <paramref name="cardId"/> (a first write never carries the id of the card active there).
    /// <see langword="null"/> when the session's lease is a first write's.
    /// </summary>
    private HeldLease? RenewalLease(Guid sessionId, string chipId, DateTimeOffset until, string deviceId, string cardId)
    {
        if (_held is { } held && held.SessionId == sessionId)
        {
            if (!held.Renewal)
            {
                return null;
            }

            EnsureRenewable(sessionId, held.ChipId);
            return held;
        }

        var state = card.State;
        return state is { Status: CardStatus.Active } && state.CardId == cardId && string.Equals(state.ChipId, chipId, StringComparison.OrdinalIgnoreCase)
            ? new HeldLease(sessionId, chipId, deviceId, cardId, until, clock.UtcNow, Renewal: true)
            : null;
    }

    /// <summary>Refuses a renewal unless the card is active on <paramref name="chipId"/> (it may have changed since the session looked).</summary>
    private void EnsureRenewable(Guid sessionId, string chipId)
    {
        var state = card.State;
        if (state is { Status: CardStatus.Active, CardId: not null } && string.Equals(state.ChipId, chipId, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        _ = EnsureWritable(sessionId, chipId);
        throw new GatewayException(GatewayError.CardBusy, "The card changed while this session prepared its renewal; try again.",
            retryAfter: TimeSpan.FromSeconds(1));
    }

    /// <summary>The audit event, notice kind and message id of an activation: a renewal's or a first write's.</summary>
    private (string Event, string NoticeKind, string MessageId) ActivationOf(Guid sessionId) => card.State.Renewing
        ? ("renewed", IssuerNoticeKinds.Renewed, $"renewed-{sessionId:N}")
        : ("activated", IssuerNoticeKinds.Complete, $"complete-{sessionId:N}");

    /// <summary>
    /// A renewal that ended before its last block went out: the chip still holds the card it held (the applet replaces the
    /// record only on the last block), so the card is active on it as before, with its old receipt. Nothing to tell the issuer.
    /// </summary>
    private void KeepActiveAfterRenewal(Guid? sessionId, string reason)
    {
        var state = card.State;
        var actor = Device(state.DeviceId);
        Record("released", actor, sessionId, reason);
        state.Status = CardStatus.Active;
        state.Renewing = false;
        state.SessionId = null;
        state.LeaseUntil = null;
        state.CardDataOut = false;
        SetChange(reason, actor);
    }
}
