namespace WalletGateway.Terminal.Protocol;

/// <summary>What the gateway holds for a card written to this chip.</summary>
/// <param name="IssuerId">The card's issuer.</param>
/// <param name="CardId">The gateway's card id, as stored on the chip.</param>
/// <param name="Status"><c>active</c>, <c>suspended</c>, <c>unconfirmed</c>, or <c>deleted</c> (no longer on this chip).</param>
public sealed record ChipCardStatus(string IssuerId, string CardId, string Status);
