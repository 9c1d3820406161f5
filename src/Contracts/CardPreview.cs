using System.Text.Json.Serialization;

namespace WalletGateway.Contracts;

/// <summary>What the member may see of the card being written, on the answer to authenticate.</summary>
/// <param name="Last4">The last four digits of the card number.</param>
/// <param name="Expiry">Expiry as <c>YYYY-MM</c>.</param>
public sealed record CardPreview(string Last4, string Expiry)
{
    /// <summary>True when the card is active on this chip and this session renews it there (same card id, the issuer's new data).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Renewal { get; init; }
}
