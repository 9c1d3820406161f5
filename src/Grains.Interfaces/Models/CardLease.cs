namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>A granted lease: the gateway's id for the card being written and the lease end.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.CardLease")]
public sealed record CardLease([property: Id(0)] string CardId, [property: Id(1)] DateTimeOffset Until);
