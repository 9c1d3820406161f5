namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>Who asked for a lifecycle change of a card. Values persist: never renumber.</summary>
[GenerateSerializer, Alias("WalletGateway.CardActor")]
public enum CardActor
{
    Member = 0,
    Issuer = 1,
    Operator = 2,
}
