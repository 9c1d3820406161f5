namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>A lifecycle change an operator asks for: a reason code (e.g. <c>lost-phone</c>) and who asked.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.CardChange")]
public sealed record CardChange(
    [property: Id(0)] string Reason,
    [property: Id(1)] CardActor RequestedBy,
    [property: Id(2)] string? Operator);
