namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>The issuers operators added or changed, with the registry's version (bumped on every change).</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.IssuerRegistrySnapshot")]
public sealed record IssuerRegistrySnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyDictionary<string, IssuerSettings> Issuers);
