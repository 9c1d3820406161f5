namespace WalletGateway.Contracts.Admin;

/// <summary>A card's durable record by issuer and card reference.</summary>
/// <param name="Status"><c>unprovisioned</c>, <c>provisioning</c>, <c>active</c>, <c>suspended</c>, <c>deleted</c> or <c>unconfirmed</c>.</param>
public sealed record AdminCardResponse(
    string IssuerId, string CardRef, string Status, string? CardId, string? ChipId, string? SessionId, DateTimeOffset? LeaseUntil,
    DateTimeOffset? ActivatedAt, string? Reason, string? ChangedBy, DateTimeOffset? ChangedAt, int PendingNotifications, int AuditRecords,
    IReadOnlyList<AdminDeadLetterResponse> DeadLetters);
