namespace WalletGateway.Contracts.Admin;

/// <summary>Whether a card's audit trail is complete and its hash chain unbroken; if not, where it first breaks.</summary>
public sealed record AuditVerificationResponse(bool Valid, long ExpectedRecords, long? FirstBadSeq, string? Problem);
