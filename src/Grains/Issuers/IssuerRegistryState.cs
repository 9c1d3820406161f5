using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Issuers;

/// <summary>
/// Durable registry of operator-managed issuers. Each entry's password is in the form <see cref="IssuerSecretProtector"/>
/// writes (AES-GCM, bound to the issuer id, base URL and user name), never in clear; never logged, never returned.
/// </summary>
[GenerateSerializer, Alias("WalletGateway.IssuerRegistryState")]
public sealed class IssuerRegistryState
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public Dictionary<string, IssuerSettings> Issuers { get; set; } = new(StringComparer.Ordinal);
}
