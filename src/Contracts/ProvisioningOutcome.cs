namespace WalletGateway.Contracts;

/// <summary>The <c>result</c> of the last step.</summary>
/// <param name="Status">The card's status, <c>active</c> when written and verified.</param>
/// <param name="CardId">The gateway's id for the card, also stored on the chip.</param>
public sealed record ProvisioningOutcome(string Status, string CardId);
