namespace WalletGateway.IssuerSimulator;

/// <summary>Body of <c>POST /issuers/{issuerId}/provisioning/complete</c>; idempotent on <see cref="MessageId"/>.</summary>
public sealed record CompleteRequest(string CardRef, string ChipId, string CardId, string MessageId);
