namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>
/// A card the chip index says was written to a chip: enough to find its card grain. <see cref="RemovalPending"/>: the card
/// grain flagged the row when the card's removal from this chip became pending (a hint for the session open; the grain is
/// the truth).
/// </summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.CardLocation")]
public sealed record CardLocation(
    [property: Id(0)] string IssuerId,
    [property: Id(1)] string CardRef,
    [property: Id(2)] string? CardId,
    [property: Id(3)] bool RemovalPending = false);
