using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Grains.Issuers;

/// <summary>How each silo keeps its copy of the issuer directory fresh (section <c>WalletGateway:IssuerDirectory</c>).</summary>
public sealed class IssuerRefreshOptions
{
    public const string Section = "WalletGateway:IssuerDirectory";

    /// <summary>
    /// How old a silo's copy of the operator-managed issuers may get before it asks the registry again. An unknown
    /// issuer id is looked up at once; a change to a known one reaches other silos within this interval.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
