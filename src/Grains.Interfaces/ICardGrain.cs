using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// One issuer card. Key: <c>{issuerId}/{cardRef}</c> (see <see cref="CardKey"/>). Durable in Azure Table.
/// The lease is written durably before any byte of the card goes to a chip, so a card is never
/// written to two chips, even across a silo crash. Every change appends a hash-chained audit record,
/// and every change the issuer must hear of goes into an outbox in the same write, delivered until acknowledged.
/// </summary>
[Alias("WalletGateway.ICardGrain")]
public interface ICardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Leases the card to a session of <paramref name="deviceId"/> writing it to <paramref name="chipId"/> until
    /// <paramref name="until"/>, in the card's memory only (nothing is written: no card data has gone out yet; see
    /// <see cref="RecordCardDataOutAsync"/>). Throws <see cref="GatewayException"/> (<see cref="GatewayError.CardActive"/>,
    /// <see cref="GatewayError.CardBusy"/> or <see cref="GatewayError.CardSuspended"/>) when the card is active,
    /// leased to another live session, suspended or deleted, or when a lease of another chip ran out after card data
    /// went out (the card may be on that chip).
    /// </summary>
    [Alias("AcquireLeaseAsync")]
    Task<CardLease> AcquireLeaseAsync(Guid sessionId, string chipId, DateTimeOffset until, string deviceId);

    /// <summary>
    /// The session is about to hand out the first block of card data: the lease becomes durable now (until then it is
    /// held in the card's memory only, and a lease lost with its silo simply ends), and from now on a lease that runs
    /// out without its session ending leaves the card <see cref="CardStatus.Unconfirmed"/>, bound to the lease's chip.
    /// The lease's terms are given again, so a retry after a lost activation takes it anew when the card is still free.
    /// Durable before the call returns; idempotent. Throws <see cref="GatewayException"/> (<see cref="GatewayError.CardBusy"/>,
    /// <see cref="GatewayError.CardActive"/> or <see cref="GatewayError.CardSuspended"/>) when the card is no longer the session's to write.
    /// </summary>
    [Alias("RecordCardDataOutAsync")]
    Task RecordCardDataOutAsync(Guid sessionId, string chipId, DateTimeOffset until, string deviceId, string cardId);

    /// <summary>Marks the card active on the chip of the session's lease, after the chip's receipt verified.</summary>
    [Alias("ActivateAsync")]
    Task ActivateAsync(Guid sessionId, string receiptHex);

    /// <summary>Gives the lease back when the session failed or was aborted; no-op when it does not hold it.</summary>
    [Alias("ReleaseLeaseAsync")]
    Task ReleaseLeaseAsync(Guid sessionId, string reason);

    /// <summary>
    /// The session ended unfinished after the last block went to the terminal: the chip may hold the card. The card
    /// stays bound to that chip (<see cref="CardStatus.Unconfirmed"/>): only the same chip may write it again.
    /// </summary>
    [Alias("MarkUnconfirmedAsync")]
    Task MarkUnconfirmedAsync(Guid sessionId, string reason);

    /// <summary>Active → Suspended (the card stays on its chip but cannot be written). Idempotent.</summary>
    [Alias("SuspendAsync")]
    Task<CardView> SuspendAsync(CardChange change);

    /// <summary>Suspended → Active; Deleted → Unprovisioned (writable again, to any chip). Idempotent on an active card.</summary>
    [Alias("ResumeAsync")]
    Task<CardView> ResumeAsync(CardChange change);

    /// <summary>Any state but a live lease → Deleted: the chip is freed and the card cannot be written until resumed. Idempotent.</summary>
    [Alias("DeleteAsync")]
    Task<CardView> DeleteAsync(CardChange change);

    /// <summary>What the card record holds now.</summary>
    [Alias("GetAsync")]
    Task<CardView> GetAsync();

    /// <summary>The card's audit trail and its verification against the head kept in the card record.</summary>
    [Alias("GetAuditAsync")]
    Task<AuditTrail> GetAuditAsync();

    /// <summary>
    /// A removal session of <paramref name="deviceId"/> takes the card <paramref name="cardId"/> off <paramref name="chipId"/>:
    /// accepted only when the card is bound to that chip with that card id (active, suspended or unconfirmed) or its removal
    /// is pending for that chip and card id, otherwise <see cref="GatewayError.CardNotFound"/>; while it runs (in memory,
    /// until <paramref name="until"/>) no lease is given and no other removal starts (<see cref="GatewayError.CardBusy"/>).
    /// Idempotent for the same session.
    /// </summary>
    [Alias("BeginRemovalAsync")]
    Task BeginRemovalAsync(Guid sessionId, string chipId, string cardId, DateTimeOffset until, string deviceId);

    /// <summary>
    /// The chip's removal answer verified (<paramref name="removed"/>: its outcome): one durable write takes the card off
    /// the chip (active or unconfirmed → unprovisioned; suspended and deleted stay), clears a pending removal of that chip,
    /// records <see cref="CardView.LastRemoval"/>, the audit record and the issuer's notice (<c>removed</c>, or <c>wiped</c>
    /// when the removal was pending). Idempotent for the same session.
    /// </summary>
    [Alias("CompleteRemovalAsync")]
    Task<CardView> CompleteRemovalAsync(Guid sessionId, string chipId, string cardId, string deviceId, bool removed);

    /// <summary>The removal session ended without a verified answer: the card stays as it is; no-op for another session.</summary>
    [Alias("EndRemovalAsync")]
    Task EndRemovalAsync(Guid sessionId);

    /// <summary>Does the card's pending work now: a lease that ran out, issuer notifications, the chip index row (what the card sweep calls).</summary>
    [Alias("DeliverNotificationsAsync")]
    Task DeliverNotificationsAsync();
}
