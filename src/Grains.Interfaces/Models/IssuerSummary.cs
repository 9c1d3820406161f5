namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>The public face of an issuer: never connection data.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.IssuerSummary")]
public sealed record IssuerSummary([property: Id(0)] string IssuerId, [property: Id(1)] string DisplayName);
