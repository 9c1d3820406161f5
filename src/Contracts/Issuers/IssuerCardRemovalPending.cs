namespace WalletGateway.Contracts.Issuers;

/// <summary>A removal still to run: the card <paramref name="CardId"/> must be taken off chip <paramref name="ChipId"/>.</summary>
public sealed record IssuerCardRemovalPending(string ChipId, string? CardId);
