using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Grains.Issuers;

/// <summary>The key that encrypts operator-managed issuer passwords at rest (section <c>WalletGateway:Secrets</c>). Never logged.</summary>
public sealed class IssuerSecretsOptions
{
    public const string Section = "WalletGateway:Secrets";

    /// <summary>The development <see cref="Key"/> ("dev-issuer-secrets-key-not-prod!" in hex): published here, so never for production.</summary>
    public const string DevelopmentKey = "6465762D6973737565722D736563726574732D6B65792D6E6F742D70726F6421";

    /// <summary>AES-256 key (64 hex digits), the same on every silo, from configuration or a secret store, never from storage.</summary>
    [Required(ErrorMessage = "WalletGateway:Secrets:Key is missing: set it to 64 hex digits (32 bytes).")]
    [RegularExpression("^[0-9A-Fa-f]{64}$", ErrorMessage = "WalletGateway:Secrets:Key must be 64 hex digits (32 bytes).")]
    public string Key { get; set; } = DevelopmentKey;
}
