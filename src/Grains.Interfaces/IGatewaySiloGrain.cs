using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// Tells an Orleans client which silo its calls for a grain id reach: a stateless worker answers on the gateway silo
/// the client sent the call through, so a key in one of the client's gateway buckets names that bucket's silo. The
/// frontend learns its buckets' silos and the cluster's active silos this way (<c>SessionIdMinter</c>). Any key.
/// </summary>
[Alias("WalletGateway.IGatewaySiloGrain")]
public interface IGatewaySiloGrain : IGrainWithGuidKey
{
    /// <summary>
    /// This silo and its membership version; the active silos too when the version is not <paramref name="knownVersion"/>.
    /// </summary>
    [Alias("DescribeAsync")]
    Task<GatewaySilo> DescribeAsync(long knownVersion);
}
