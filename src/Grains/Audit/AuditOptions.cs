using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Grains.Audit;

/// <summary>
/// Where the chip index lives (section <c>WalletGateway:Audit</c>), in the storage of <c>ConnectionStrings:AzureStorage</c>,
/// and the key that chains the audit trail's records (the records themselves are side rows of the card's state).
/// </summary>
public sealed class AuditOptions
{
    public const string Section = "WalletGateway:Audit";

    /// <summary>The development <see cref="ChainKey"/> ("dev-audit-chain-key-not-for-prod" in hex): published here, so never for production.</summary>
    public const string DevelopmentChainKey = "6465762D61756469742D636861696E2D6B65792D6E6F742D666F722D70726F64";

    /// <summary>Which cards were written to which chip: partition = a bucket of the chip id, row = chip id and card key.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string ChipIndexTableName { get; set; } = "WalletGatewayChipCards";

    /// <summary>
    /// HMAC-SHA256 key of the audit chain (64 hex digits), kept outside storage (configuration or a secret store):
    /// whoever can write the tables but does not hold it cannot make an edited trail verify. Never logged.
    /// </summary>
    [Required(ErrorMessage = "WalletGateway:Audit:ChainKey is missing: set it to 64 hex digits (32 bytes).")]
    [RegularExpression("^[0-9A-Fa-f]{64}$", ErrorMessage = "WalletGateway:Audit:ChainKey must be 64 hex digits (32 bytes).")]
    public string ChainKey { get; set; } = DevelopmentChainKey;
}
