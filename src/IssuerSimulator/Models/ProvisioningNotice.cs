namespace WalletGateway.IssuerSimulator;

/// <summary>A completion or abort notification as stored by the simulator.</summary>
public sealed record ProvisioningNotice(string CardRef, string? ChipId, string? CardId, string MessageId, string? Reason);
