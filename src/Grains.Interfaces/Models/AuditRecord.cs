namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>
/// One step that changed a card, chained to the one before by <see cref="PreviousHash"/>:
/// <see cref="Hash"/> is HMAC-SHA256, under a key kept outside storage, over every other field (see <c>AuditChain</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Event,
    [property: Id(3)] string Actor,
    [property: Id(4)] Guid? SessionId,
    [property: Id(5)] string? ChipId,
    [property: Id(6)] string? CardId,
    [property: Id(7)] string? Reason,
    [property: Id(8)] string PreviousHash,
    [property: Id(9)] string Hash);
