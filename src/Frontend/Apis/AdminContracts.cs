using System.Text.Json.Serialization;

namespace WalletGateway.Frontend.Apis;

// The /admin wire contract. Secrets appear only in requests (password); no response type has a field for one.

public sealed record AddIssuerRequest(
    string? IssuerId, string? DisplayName, string? Protocol, string? BaseUrl, string? Username, string? Password, bool? Enabled,
    int? MaxConcurrentCalls, int? MaxCallsPerSecond, TimeSpan? TargetLatency, TimeSpan? MaxQueueWait, TimeSpan? Timeout);

public sealed record ChangeIssuerRequest(
    string? DisplayName, string? Protocol, string? BaseUrl, string? Username, string? Password, bool? Enabled,
    int? MaxConcurrentCalls, int? MaxCallsPerSecond, TimeSpan? TargetLatency, TimeSpan? MaxQueueWait, TimeSpan? Timeout);

public sealed record AdminIssuerResponse(
    string IssuerId, string DisplayName, string Protocol, string BaseUrl, string Username, bool Enabled, string Source,
    AdminIssuerLimits Limits,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] AdminIssuerLive? Live);

public sealed record AdminIssuerLimits(int MaxConcurrentCalls, int MaxCallsPerSecond, TimeSpan TargetLatency, TimeSpan MaxQueueWait, TimeSpan Timeout);

public sealed record AdminIssuerLive(string Silo, int ActiveSilos, int MaxConcurrentShare, int CurrentLimit, int InFlight, int CallsPerSecondShare);

public sealed record CardChangeRequest(string? Reason, string? RequestedBy);

public sealed record AdminCardResponse(
    string IssuerId, string CardRef, string Status, string? CardId, string? ChipId, string? SessionId, DateTimeOffset? LeaseUntil,
    DateTimeOffset? ActivatedAt, string? Reason, string? ChangedBy, DateTimeOffset? ChangedAt, int PendingNotifications, int AuditRecords,
    IReadOnlyList<AdminDeadLetterResponse> DeadLetters);

public sealed record AdminDeadLetterResponse(
    string Kind, string MessageId, string? ChipId, string? CardId, string? Reason, int Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset ParkedAt);

public sealed record AdminChipCardResponse(string IssuerId, string CardRef, string? CardId, string Status, bool OnThisChip);

public sealed record AuditRecordResponse(
    long Seq, DateTimeOffset At, string Event, string Actor, string? SessionId, string? ChipId, string? CardId, string? Reason,
    string PreviousHash, string Hash);

public sealed record AuditVerificationResponse(bool Valid, long ExpectedRecords, long? FirstBadSeq, string? Problem);

public sealed record AuditTrailResponse(string IssuerId, string CardRef, IReadOnlyList<AuditRecordResponse> Records, AuditVerificationResponse Verification);

public sealed record AdminSessionResponse(
    string SessionId, string State, int Seq, DateTimeOffset ExpiresAt, string DeviceId, string IssuerId, string ChipId, string? CardRef, string? CardId);

public sealed record ChipCardResponse(string IssuerId, string CardId, string Status);
