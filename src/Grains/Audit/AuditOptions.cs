using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Grains.Audit;

/// <summary>Where card audit trails and the chip index live (section <c>WalletGateway:Audit</c>), in the storage of <c>ConnectionStrings:AzureStorage</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "WalletGateway:Audit";

    /// <summary>Append-only audit records, one partition per card, row key = sequence number.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string TableName { get; set; } = "WalletGatewayAudit";

    /// <summary>Which cards were written to which chip: partition = chip id, row = card key.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string ChipIndexTableName { get; set; } = "WalletGatewayChipCards";
}
