namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>A card the chip index says was written to a chip: enough to find its card grain.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.CardLocation")]
public sealed record CardLocation(
    [property: Id(0)] string IssuerId,
    [property: Id(1)] string CardRef,
    [property: Id(2)] string? CardId);
