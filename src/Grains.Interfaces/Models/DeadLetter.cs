namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>
/// An issuer notice the issuer refused (4xx) as often as the gateway tries one, parked on its card instead of
/// blocking the card's later notices; an operator reads it in <c>/admin</c> and settles it with the issuer.
/// </summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.DeadLetter")]
public sealed record DeadLetter(
    [property: Id(0)] string Kind,
    [property: Id(1)] string MessageId,
    [property: Id(2)] string? ChipId,
    [property: Id(3)] string? CardId,
    [property: Id(4)] string? Reason,
    [property: Id(5)] int Status,
    [property: Id(6)] int Attempts,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset ParkedAt);
