using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Notifications;
using WalletGateway.GroupCommitStorage;
namespace WalletGateway.Grains.Cards;

/// <summary>
/// Durable card record: lifecycle, the chip it is on or being written to, the lease, the outbox of issuer
/// notifications and the head of the audit chain. Everything a change needs is in this one write: the state row, the
/// change's audit records and the pending-work marker go in one batch transaction in the card's partition
/// (<see cref="IHasSideRows"/>).
/// </summary>
[GenerateSerializer, Alias("WalletGateway.CardState")]
public sealed class CardState : IHasSideRows
{
    /// <summary>Name of the marker a card keeps while it has work left after a write (a lease, a notice, a chip index row).</summary>
    public const string PendingMarker = "pending";

    [Id(0)] public CardStatus Status { get; set; }
    [Id(1)] public string? CardId { get; set; }
    [Id(2)] public string? ChipId { get; set; }
    [Id(3)] public Guid? SessionId { get; set; }
    [Id(4)] public DateTimeOffset? LeaseUntil { get; set; }
    [Id(5)] public DateTimeOffset? ActivatedAt { get; set; }
    [Id(6)] public string? Receipt { get; set; }

    /// <summary>The device of the session holding or last holding the lease.</summary>
    [Id(7)] public string? DeviceId { get; set; }

    [Id(8)] public string? Reason { get; set; }
    [Id(9)] public string? ChangedBy { get; set; }
    [Id(10)] public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>Notifications recorded for the issuer and not known to be acknowledged (pruned in memory on acknowledgement, persisted with the next write).</summary>
    [Id(11)] public List<OutboxMessage> Outbox { get; set; } = [];

    /// <summary>Sequence number and hash of the last audit record: the anchor of the chain.</summary>
    [Id(12)] public long AuditSeq { get; set; }
    [Id(13)] public string AuditHead { get; set; } = AuditChain.Genesis;

    /// <summary>Audit records of the change being written: taken by the storage as side rows of this write, never stored in the state.</summary>
    [Id(14)] public List<AuditRecord> UnexportedAudit { get; set; } = [];

    /// <summary>The lease's session handed out card data: if the lease runs out unended, the card may be on its chip.</summary>
    [Id(15)] public bool CardDataOut { get; set; }

    /// <summary>Notices the issuer refused until the cap, parked so the later ones go on (the last <see cref="OutboxDelivery.MaxDeadLetters"/>).</summary>
    [Id(16)] public List<DeadLetter> DeadLetters { get; set; } = [];

    /// <summary>The chip index row the card still owes (written in groups after the change that bound the card to the chip).</summary>
    [Id(17)] public CardLocationRow? ChipIndexPending { get; set; }

    /// <summary>Removal pending: the chip the card must still be taken off (deleted, or suspended for loss, while on it).</summary>
    [Id(18)] public string? RemovalPendingChipId { get; set; }

    /// <summary>The card id (<c>DF01</c>) on <see cref="RemovalPendingChipId"/>.</summary>
    [Id(19)] public string? RemovalPendingCardId { get; set; }

    /// <summary>The last removal the chip proved (its <c>DF71</c> answer verified).</summary>
    [Id(20)] public CardRemoval? LastRemoval { get; set; }

    /// <summary>The session of <see cref="LastRemoval"/>: its completion retried is answered without a second write.</summary>
    [Id(21)] public Guid? LastRemovalSessionId { get; set; }

    /// <summary>
    /// The lease (or the unconfirmed write it left) re-personalises the card active on <see cref="ChipId"/> with the issuer's
    /// new data, same card id (<c>CardGrain.Renewal.cs</c>); <see cref="Receipt"/> is still what the chip held before.
    /// </summary>
    [Id(26)] public bool Renewing { get; set; }

    // Not state: set by the grain just before a write and taken by the storage (a method, so no serializer sees it).
    [NonSerialized]
    private SideRow? _marker;

    /// <summary>Called by the grain before a write that leaves work pending: the write then also stores this marker, which a sweep finds.</summary>
    public void WithMarker(SideRow marker) => _marker = marker;

    /// <inheritdoc/>
    public IReadOnlyList<SideRow> TakeSideRows()
    {
        var rows = new List<SideRow>(UnexportedAudit.Count + 1);
        rows.AddRange(UnexportedAudit.Select(AuditLog.ToSideRow));
        UnexportedAudit.Clear();
        if (_marker is { } marker)
        {
            rows.Add(marker);
            _marker = null;
        }

        return rows;
    }
}

/// <summary>A chip index row a card owes: the card <paramref name="CardId"/> is (or may be) on <paramref name="ChipId"/>.</summary>
[GenerateSerializer, Alias("WalletGateway.CardLocationRow")]
public sealed record CardLocationRow([property: Id(0)] string ChipId, [property: Id(1)] string? CardId, [property: Id(2)] bool RemovalPending = false);
