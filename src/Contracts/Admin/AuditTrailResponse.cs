namespace WalletGateway.Contracts.Admin;

/// <summary>Answer of <c>GET /admin/cards/{issuerId}/{cardRef}/audit</c>: the records and their verification.</summary>
public sealed record AuditTrailResponse(string IssuerId, string CardRef, IReadOnlyList<AuditRecordResponse> Records, AuditVerificationResponse Verification);
