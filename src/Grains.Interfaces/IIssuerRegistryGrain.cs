using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// The issuers onboarded or changed through the operator API, durable. Use key 0. Only operators
/// write here; every silo keeps a copy (<c>IssuerDirectory</c>) so the hot path never calls this grain.
/// Issuers from configuration are the seed: an operator change to one of them is stored here and wins.
/// </summary>
[Alias("WalletGateway.IIssuerRegistryGrain")]
public interface IIssuerRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Onboards a new issuer; <see cref="GatewayError.IssuerExists"/> when the id is taken.</summary>
    [Alias("AddAsync")]
    Task AddAsync(string issuerId, IssuerSettings settings);

    /// <summary>Changes an issuer (also one from configuration); <see cref="GatewayError.IssuerNotFound"/> when unknown.</summary>
    [Alias("ChangeAsync")]
    Task ChangeAsync(string issuerId, IssuerChange change);

    /// <summary>The registry, or null when it is still at <paramref name="knownVersion"/>.</summary>
    [Alias("GetSnapshotAsync")]
    Task<IssuerRegistrySnapshot?> GetSnapshotAsync(long knownVersion);
}
