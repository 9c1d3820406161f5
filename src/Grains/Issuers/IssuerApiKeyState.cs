namespace WalletGateway.Grains.Issuers;

/// <summary>An issuer's API key as the gateway keeps it: its SHA-256 only, never the key.</summary>
[GenerateSerializer, Alias("WalletGateway.IssuerApiKeyState")]
public sealed class IssuerApiKeyState
{
    /// <summary>SHA-256 of the key the operator last issued; null when none was issued (or it was revoked).</summary>
    [Id(0)] public byte[]? KeyHash { get; set; }

    [Id(1)] public DateTimeOffset? SetAt { get; set; }

    /// <summary>The operator revoked the issuer's key: no key counts, not even the configured one.</summary>
    [Id(2)] public bool Revoked { get; set; }
}
