using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace WalletGateway.IssuerSimulator;

/// <summary>The issuers this process serves (configured, plus any added through the admin API). One per application.</summary>
internal sealed class IssuerDirectory(IOptions<IssuerSimulatorOptions> options)
{
    private readonly ConcurrentDictionary<string, Issuer> _issuers =
        new(options.Value.Issuers.Select(i => KeyValuePair.Create(i.Id, new Issuer(i))), StringComparer.Ordinal);

    public IEnumerable<Issuer> All => _issuers.Values.OrderBy(i => i.Id, StringComparer.Ordinal);

    public bool TryGet(string issuerId, [NotNullWhen(true)] out Issuer? issuer) => _issuers.TryGetValue(issuerId, out issuer);

    /// <summary>Adds an issuer; false when the id is taken.</summary>
    public bool TryAdd(IssuerOptions issuer) => _issuers.TryAdd(issuer.Id, new Issuer(issuer));
}
