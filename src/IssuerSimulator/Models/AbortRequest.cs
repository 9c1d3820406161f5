namespace WalletGateway.IssuerSimulator;

/// <summary>
/// Body of <c>POST /issuers/{issuerId}/provisioning/abort</c>; idempotent on
/// <see cref="MessageId"/>. Chip and card id may be missing when provisioning stopped
/// before they were known.
/// </summary>
public sealed record AbortRequest(string CardRef, string MessageId, string? ChipId = null, string? CardId = null, string? Reason = null);
