using System.Text.Json.Serialization;

namespace WalletGateway.Contracts;

/// <summary>The <c>result</c> of the last step.</summary>
/// <param name="Status">The card's status, <c>active</c> when written and verified; <c>removed</c> when a removal session's chip answer verified.</param>
/// <param name="CardId">The gateway's id for the card, also stored on the chip.</param>
public sealed record ProvisioningOutcome(string Status, string CardId)
{
    /// <summary>A removal's chip outcome: true when the chip held the card and removed it, false when it did not hold it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Removed { get; init; }
}
