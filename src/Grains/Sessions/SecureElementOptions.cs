using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Grains.Sessions;

/// <summary>Chip key derivation (configuration section <c>WalletGateway:SecureElement</c>). Never logged.</summary>
public sealed class SecureElementOptions
{
    public const string Section = "WalletGateway:SecureElement";

    /// <summary>
    /// AES master key (32 or 64 hex digits) from which every chip's static keys are diversified with its KDD.
    /// The default is the development key that the test chips and the soft secure element use; production reads it from a secret store.
    /// </summary>
    [Required, RegularExpression("^([0-9A-Fa-f]{32}|[0-9A-Fa-f]{64})$", ErrorMessage = "MasterKey must be 32 or 64 hex digits.")]
    public string MasterKey { get; set; } = "404142434445464748494A4B4C4D4E4F";
}
