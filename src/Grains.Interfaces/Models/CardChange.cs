namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>A lifecycle change an operator asks for: a reason code (e.g. <c>lost-phone</c>) and who asked.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.CardChange")]
public sealed record CardChange(
    [property: Id(0)] string Reason,
    [property: Id(1)] CardActor RequestedBy,
    [property: Id(2)] string? Operator)
{
    /// <summary>
    /// The card's issuer asked itself, through the issuer API with its own key (docs/issuer-api.md): audited as
    /// <c>issuer:{issuerId}</c>, the issuer id being the card's own.
    /// </summary>
    [Id(3)]
    public bool ByIssuerApi { get; init; }
}
