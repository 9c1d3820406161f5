using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace WalletGateway.IssuerSimulator;

/// <summary>The issuers this process serves. One per application, so instances never share state.</summary>
internal sealed class IssuerDirectory(IOptions<IssuerSimulatorOptions> options)
{
    private readonly FrozenDictionary<string, Issuer> _issuers =
        options.Value.Issuers.ToFrozenDictionary(i => i.Id, i => new Issuer(i), StringComparer.Ordinal);

    public IEnumerable<Issuer> All => _issuers.Values;

    public bool TryGet(string issuerId, [NotNullWhen(true)] out Issuer? issuer) => _issuers.TryGetValue(issuerId, out issuer);
}
