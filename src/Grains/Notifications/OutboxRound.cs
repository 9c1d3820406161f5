namespace WalletGateway.Grains.Notifications;

/// <summary>What one delivery round did: whether the outbox is now empty, and whether it parked a refused notice (the card must store that).</summary>
public readonly record struct OutboxRound(bool Delivered, bool Parked);
