namespace WalletGateway.Grains;

/// <summary>What a card record holds (no card number, no key).</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.CardView")]
public sealed record CardView(
    [property: Id(0)] CardStatus Status,
    [property: Id(1)] string? CardId,
    [property: Id(2)] string? ChipId,
    [property: Id(3)] Guid? SessionId,
    [property: Id(4)] DateTimeOffset? LeaseUntil,
    [property: Id(5)] DateTimeOffset? ActivatedAt);
