namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>A card the device index says a device wrote: to which chip, with which card id (enough to find its card grain).</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.DeviceCardLocation")]
public sealed record DeviceCardLocation(
    [property: Id(0)] string IssuerId,
    [property: Id(1)] string CardRef,
    [property: Id(2)] string? CardId,
    [property: Id(3)] string ChipId);
