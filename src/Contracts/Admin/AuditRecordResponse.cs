namespace WalletGateway.Contracts.Admin;

/// <summary>One record of a card's hash-chained audit trail.</summary>
public sealed record AuditRecordResponse(
    long Seq, DateTimeOffset At, string Event, string Actor, string? SessionId, string? ChipId, string? CardId, string? Reason,
    string PreviousHash, string Hash);
