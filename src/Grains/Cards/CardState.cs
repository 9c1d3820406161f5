namespace WalletGateway.Grains;

/// <summary>Durable card record: lifecycle, the chip it is on or being written to, and the lease.</summary>
[GenerateSerializer, Alias("WalletGateway.CardState")]
public sealed class CardState
{
    [Id(0)] public CardStatus Status { get; set; }
    [Id(1)] public string? CardId { get; set; }
    [Id(2)] public string? ChipId { get; set; }
    [Id(3)] public Guid? SessionId { get; set; }
    [Id(4)] public DateTimeOffset? LeaseUntil { get; set; }
    [Id(5)] public DateTimeOffset? ActivatedAt { get; set; }
    [Id(6)] public string? Receipt { get; set; }
}
