using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Chips;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;
using WalletGateway.Grains.Notifications;

namespace WalletGateway.Grains.Cards;

/// <summary>
/// A card's lifecycle. Each change is one durable write of <see cref="CardState"/> that carries the change, its
/// audit record and, when the issuer must hear of it, the outbox message; the audit export and the delivery run
/// after the write, off the caller's path (<c>CardGrain.Background.cs</c>, <see cref="OutboxDelivery"/>).
/// </summary>
public sealed partial class CardGrain(
    [PersistentState("card", StorageNames.Durable)] IPersistentState<CardState> card,
    GatewayClock clock,
    StorageMetrics metrics,
    OutboxDelivery outboxDelivery,
    AuditLog auditLog,
    ChipIndex chipIndex,
    IOptions<NotificationOptions> notificationOptions,
    ILogger<CardGrain> logger) : Grain, ICardGrain, IRemindable
{
    private string Key => this.GetPrimaryKeyString();

    private string IssuerId => Key[..Key.IndexOf('/')];

    private string CardRef => Key[(Key.IndexOf('/') + 1)..];

    public async Task<CardLease> AcquireLeaseAsync(Guid sessionId, string chipId, DateTimeOffset until, string deviceId)
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
        }

        // The lease is durable before the session hands out a single APDU: a crash after this line
        // leaves a lease that expires, never a card written to two chips.
        // A lease of this chip that ran out after card data went out ends unconfirmed first, in this same write.
        // Rewriting an unconfirmed card on its own chip keeps the card id, so the chip replaces it.
        if (ranOutAfterCardData)
        {
            SettleRanOutLease();
        }

        var cardId = state.Status == CardStatus.Unconfirmed && state.CardId is { } kept ? kept : NewCardId();
        state.CardId = cardId;
        state.Status = CardStatus.Provisioning;
        state.ChipId = chipId;
        state.SessionId = sessionId;
        state.LeaseUntil = until;
        state.DeviceId = deviceId;
        state.CardDataOut = false;
        Record("leased", Device(deviceId), sessionId, reason: null);
        // Every lease ends in a notice (complete or abort): the outbox reminder is registered alongside the lease
        // write, not after it, so the final step does not wait for it.
        await Task.WhenAll(this.WriteDurablyAsync(card, metrics), Reminder.TryEnsureAsync());
        return new CardLease(cardId, until);
    }

    public async Task RecordCardDataOutAsync(Guid sessionId)
    {
        var state = card.State;
        if (state.Status != CardStatus.Provisioning || state.SessionId != sessionId)
        {
            throw new GatewayException(GatewayError.CardBusy, "The card's lease is no longer held by this session.");
        }

        if (state.CardDataOut)
        {
            return;
        }

        // The reminder is what settles the lease if it runs out unended: registered before any card data goes out.
        await Reminder.EnsureAsync();
        state.CardDataOut = true;
        await this.WriteDurablyAsync(card, metrics);
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

        await Reminder.EnsureAsync();
        var now = clock.UtcNow;
        state.Status = CardStatus.Active;
        state.LeaseUntil = null;
        state.CardDataOut = false;
        state.ActivatedAt = now;
        state.Receipt = receiptHex;
        SetChange(reason: null, Device(state.DeviceId));
        Record("activated", Device(state.DeviceId), sessionId, reason: null);
        Enqueue(IssuerNoticeKinds.Complete, $"complete-{sessionId:N}", reason: null, requestedBy: null);
        await this.WriteDurablyAsync(card, metrics);
        ScheduleWork(TimeSpan.Zero);
    }

    public Task ReleaseLeaseAsync(Guid sessionId, string reason) => EndLeaseAsync(sessionId, mayBeOnChip: false, reason);

    public Task MarkUnconfirmedAsync(Guid sessionId, string reason) => EndLeaseAsync(sessionId, mayBeOnChip: true, reason);

    /// <summary>Appends the next audit record to the state (durable with the write that follows).</summary>
    private void Record(string @event, string actor, Guid? sessionId, string? reason)
    {
        var s = card.State;
        var record = auditLog.Chain.Next(s.AuditSeq, s.AuditHead, clock.UtcNow, @event, actor, sessionId, s.ChipId, s.CardId, reason);
        s.UnexportedAudit.Add(record);
        s.AuditSeq = record.Seq;
        s.AuditHead = record.Hash;
    }

    private void Enqueue(string kind, string messageId, string? reason, string? requestedBy) =>
        card.State.Outbox.Add(new OutboxMessage(kind, messageId, card.State.ChipId, card.State.CardId, reason, requestedBy, clock.UtcNow));

    private void SetChange(string? reason, string actor)
    {
        card.State.Reason = reason;
        card.State.ChangedBy = actor;
        card.State.ChangedAt = clock.UtcNow;
    }

    private static string Device(string? deviceId) => $"device:{deviceId ?? "unknown"}";

    private static string NewCardId() => "C" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
}
