namespace WalletGateway.Contracts.Admin;

/// <summary>One entry of <c>GET /admin/cards?chipId=…</c>: a card ever written to the chip, with its durable status.</summary>
/// <param name="OnThisChip">Whether the card's record still binds it to this chip.</param>
public sealed record AdminChipCardResponse(string IssuerId, string CardRef, string? CardId, string Status, bool OnThisChip);
