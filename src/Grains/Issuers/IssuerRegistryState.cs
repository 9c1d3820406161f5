using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Issuers;

/// <summary>Durable registry of operator-managed issuers. Holds credentials: never logged, never returned.</summary>
[GenerateSerializer, Alias("WalletGateway.IssuerRegistryState")]
public sealed class IssuerRegistryState
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public Dictionary<string, IssuerSettings> Issuers { get; set; } = new(StringComparer.Ordinal);
}
