namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// An issuer's own credential for the issuer API (docs/issuer-api.md). Key: the issuer id. Durable: the SHA-256 of the key
/// an operator last issued (the key itself never reaches a silo), or that the operator revoked it. Without either, the key
/// configured for the issuer (<c>WalletGateway:Issuers:{id}:ApiKey</c>) counts. One activation per issuer answers every
/// check, so a rotation or a revocation refuses the old key at once, on every frontend.
/// </summary>
[Alias("WalletGateway.IIssuerApiKeyGrain")]
public interface IIssuerApiKeyGrain : IGrainWithStringKey
{
    /// <summary>True when <paramref name="keyHash"/> is the SHA-256 of the issuer's current key.</summary>
    [Alias("VerifyAsync"), Orleans.Concurrency.ReadOnly]
    Task<bool> VerifyAsync(byte[] keyHash);

    /// <summary>Makes the key whose SHA-256 is <paramref name="keyHash"/> the issuer's only one, durably; returns when.</summary>
    [Alias("SetAsync")]
    Task<DateTimeOffset> SetAsync(byte[] keyHash);

    /// <summary>Refuses every key of the issuer, the configured one too, until the operator issues a new one.</summary>
    [Alias("RevokeAsync")]
    Task RevokeAsync();
}
