namespace WalletGateway.Contracts;

/// <summary>A card whose removal from the session's chip is pending (a remote wipe): run a removal session for it.</summary>
/// <param name="IssuerId">The card's issuer: open the removal session with it.</param>
/// <param name="CardId">The card id on the chip.</param>
public sealed record PendingRemoval(string IssuerId, string CardId);
