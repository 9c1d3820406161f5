namespace WalletGateway.Contracts;

/// <summary>One entry of <c>GET /v1/cards?chipId=…</c>: what the gateway holds for a card written to this chip.</summary>
/// <param name="IssuerId">The card's issuer.</param>
/// <param name="CardId">The gateway's card id, as stored on the chip.</param>
/// <param name="Status"><c>active</c>, <c>suspended</c>, <c>unconfirmed</c>, <c>deleted</c> (no longer on this chip), or
/// <c>removal-pending</c> (a remote wipe: run a removal session for it).</param>
public sealed record ChipCardResponse(string IssuerId, string CardId, string Status);
