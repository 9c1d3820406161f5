using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Frontend.Limits;

/// <summary>The issuer API's rate per issuer key, on each frontend (configuration section <c>WalletGateway:IssuerApi</c>).</summary>
public sealed class IssuerApiOptions
{
    public const string Section = "WalletGateway:IssuerApi";

    /// <summary>Sustained requests per second one issuer key may send to one frontend.</summary>
    [Range(1, 100_000)]
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>Requests one issuer key may send at once above the sustained rate.</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 40;
}
