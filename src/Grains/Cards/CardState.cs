using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Notifications;
namespace WalletGateway.Grains.Cards;

/// <summary>
/// Durable card record: lifecycle, the chip it is on or being written to, the lease, the outbox of issuer
/// notifications and the head of the audit chain. Everything a change needs is in this one write.
/// </summary>
[GenerateSerializer, Alias("WalletGateway.CardState")]
public sealed class CardState
{
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

    /// <summary>Audit records not yet known to be in the audit table (durable here first, exported after the write).</summary>
    [Id(14)] public List<AuditRecord> UnexportedAudit { get; set; } = [];

    /// <summary>The lease's session handed out card data: if the lease runs out unended, the card may be on its chip.</summary>
    [Id(15)] public bool CardDataOut { get; set; }

    /// <summary>Notices the issuer refused until the cap, parked so the later ones go on (the last <see cref="OutboxDelivery.MaxDeadLetters"/>).</summary>
    [Id(16)] public List<DeadLetter> DeadLetters { get; set; } = [];
}
