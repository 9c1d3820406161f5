using Orleans.Placement;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Chips;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;
using WalletGateway.Grains.Notifications;

namespace WalletGateway.Grains.Cards;

/// <summary>
/// A card's lifecycle. Each change is one durable write of <see cref="CardState"/> that carries the change, its
/// audit records, the outbox message when the issuer must hear of it and, while work is left, the pending-work
/// marker: one batch transaction in the card's partition. Delivery and the chip index row run after the write, off
/// the caller's path (<c>CardGrain.Background.cs</c>). A lease is held in memory from authentication and becomes
/// durable only when card data is about to leave (<see cref="RecordCardDataOutAsync"/>): a provisioned card costs
/// two writes.
/// </summary>
// Beside the session that first leases it: its three calls of a provisioning stay in-process (docs/architecture.md#placement).
[PreferLocalPlacement]
public sealed partial class CardGrain(
    [PersistentState(StorageNames.CardState, StorageNames.Durable)] IPersistentState<CardState> card,
    GatewayClock clock,
    StorageMetrics metrics,
    OutboxDelivery outboxDelivery,
    AuditLog auditLog,
    ChipIndex chipIndex,
    ILogger<CardGrain> logger) : Grain, ICardGrain
{
    /// <summary>A lease taken at authentication and not yet durable (no card data went out under it).</summary>
    private HeldLease? _held;

    private string Key => this.GetPrimaryKeyString();

    private string IssuerId => Key[..Key.IndexOf('/')];

    private string CardRef => Key[(Key.IndexOf('/') + 1)..];

    public Task<CardLease> AcquireLeaseAsync(Guid sessionId, string chipId, DateTimeOffset until, string deviceId)
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

        EnsureNotBeingRemoved();

        if (EnsureWritable(sessionId, chipId) is { } durable)
        {
            return Task.FromResult(durable);
        }

        // In memory only: no APDU that writes anything has left yet. A lease lost with this activation simply ends.
        var state = card.State;
        var keepsId = state.Status == CardStatus.Unconfirmed || (LeaseRanOut && state.CardDataOut);
        var cardId = keepsId && state.CardId is { } kept ? kept : NewCardId();
        _held = new HeldLease(sessionId, chipId, deviceId, cardId, until, now);
        return Task.FromResult(new CardLease(cardId, until));
    }

    public async Task RecordCardDataOutAsync(Guid sessionId, string chipId, DateTimeOffset until, string deviceId, string cardId)
    {
        var state = card.State;
        if (state.Status == CardStatus.Provisioning && state.SessionId == sessionId && state.CardDataOut)
        {
            return;
        }

        if (_held is { } held && held.SessionId != sessionId && held.Until > clock.UtcNow)
        {
            throw new GatewayException(GatewayError.CardBusy, "The card's lease is no longer held by this session.");
        }

        // Checked again against what is stored: an operator may have changed the card since authentication.
        if (EnsureWritable(sessionId, chipId) is null)
        {
            var lease = _held?.SessionId == sessionId ? _held : new HeldLease(sessionId, chipId, deviceId, cardId, until, clock.UtcNow);
            TakeLease(lease);
        }

        // The lease, its audit record and the marker go in one transaction, before the first block of card data leaves:
        // a crash after this line leaves a lease that runs out into "unconfirmed", never a card written to two chips.
        state.CardDataOut = true;
        await WriteAsync();
        _held = null;
    }

    public async Task ActivateAsync(Guid sessionId, string receiptHex)
    {
        var state = card.State;
        if (state.Status == CardStatus.Active && state.SessionId == sessionId)
        {
            return;
        }

        // An expired lease that nobody else took is still this session's: the chip holds the card.
        if (state.Status != CardStatus.Provisioning || state.SessionId != sessionId)
        {
            throw new GatewayException(GatewayError.CardBusy, "The card's lease is no longer held by this session.");
        }

        var now = clock.UtcNow;
        state.Status = CardStatus.Active;
        state.LeaseUntil = null;
        state.CardDataOut = false;
        state.ActivatedAt = now;
        state.Receipt = receiptHex;
        state.ChipIndexPending = new CardLocationRow(state.ChipId!, state.CardId);
        SetChange(reason: null, Device(state.DeviceId));
        Record("activated", Device(state.DeviceId), sessionId, reason: null);
        Enqueue(IssuerNoticeKinds.Complete, $"complete-{sessionId:N}", reason: null, requestedBy: null);
        await WriteAsync();
        ScheduleWork(TimeSpan.Zero);
    }

    public Task ReleaseLeaseAsync(Guid sessionId, string reason) => EndLeaseAsync(sessionId, mayBeOnChip: false, reason);

    public Task MarkUnconfirmedAsync(Guid sessionId, string reason) => EndLeaseAsync(sessionId, mayBeOnChip: true, reason);

    /// <summary>
    /// Refuses a lease for <paramref name="sessionId"/> on <paramref name="chipId"/> when the stored card is not free for
    /// it; returns the stored lease when the session holds it already, <see langword="null"/> when the card is free.
    /// </summary>
    private CardLease? EnsureWritable(Guid sessionId, string chipId)
    {
        var state = card.State;
        var ranOutAfterCardData = LeaseRanOut && state.CardDataOut;
        switch (state.Status)
        {
            case CardStatus.Active:
                throw new GatewayException(GatewayError.CardActive, "This card is already set up on a phone; it cannot be written again.");
            case CardStatus.Suspended:
                throw new GatewayException(GatewayError.CardSuspended, "This card is suspended; it cannot be written until it is resumed.");
            case CardStatus.Deleted:
                throw new GatewayException(GatewayError.CardSuspended, "This card was deleted; it cannot be written until an operator resumes it.");
            case CardStatus.Unconfirmed when state.ChipId != chipId:
            case CardStatus.Provisioning when ranOutAfterCardData && state.SessionId != sessionId && state.ChipId != chipId:
                throw new GatewayException(GatewayError.CardActive,
                    "This card may already be on another phone (its last write was not confirmed); only that phone can write it again.");
            case CardStatus.Provisioning when state.SessionId == sessionId:
                return new CardLease(state.CardId!, state.LeaseUntil!.Value);
            case CardStatus.Provisioning when state.LeaseUntil > clock.UtcNow:
                throw new GatewayException(GatewayError.CardBusy, "This card is being written to a phone right now.",
                    retryAfter: state.LeaseUntil - clock.UtcNow);
            default:
                return null;
        }
    }

    /// <summary>
    /// Puts the lease into the state (the caller writes it). A lease of this chip that ran out after card data went out
    /// ends unconfirmed first, in the same write; rewriting an unconfirmed card on its own chip keeps the card id.
    /// </summary>
    private void TakeLease(HeldLease lease)
    {
        var state = card.State;
        if (LeaseRanOut && state.CardDataOut)
        {
            SettleRanOutLease();
        }

        state.CardId = lease.CardId;
        state.Status = CardStatus.Provisioning;
        state.ChipId = lease.ChipId;
        state.SessionId = lease.SessionId;
        state.LeaseUntil = lease.Until;
        state.DeviceId = lease.DeviceId;
        state.CardDataOut = false;
        Record("leased", Device(lease.DeviceId), lease.SessionId, reason: null, at: lease.At);
    }

    /// <summary>Appends the next audit record to the state (durable with the write that follows).</summary>
    private void Record(string @event, string actor, Guid? sessionId, string? reason, DateTimeOffset? at = null, CardLocationRow? on = null)
    {
        var s = card.State;
        var record = auditLog.Chain.Next(
            s.AuditSeq, s.AuditHead, at ?? clock.UtcNow, @event, actor, sessionId, on?.ChipId ?? s.ChipId, on?.CardId ?? s.CardId, reason);
        s.UnexportedAudit.Add(record);
        s.AuditSeq = record.Seq;
        s.AuditHead = record.Hash;
    }

    private void Enqueue(string kind, string messageId, string? reason, string? requestedBy, CardLocationRow? on = null) =>
        card.State.Outbox.Add(new OutboxMessage(
            kind, messageId, on?.ChipId ?? card.State.ChipId, on?.CardId ?? card.State.CardId, reason, requestedBy, clock.UtcNow));

    private void SetChange(string? reason, string actor)
    {
        card.State.Reason = reason;
        card.State.ChangedBy = actor;
        card.State.ChangedAt = clock.UtcNow;
    }

    private static string Device(string? deviceId) => $"device:{deviceId ?? "unknown"}";

    private static string NewCardId() => "C" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    private sealed record HeldLease(Guid SessionId, string ChipId, string DeviceId, string CardId, DateTimeOffset Until, DateTimeOffset At);
}
