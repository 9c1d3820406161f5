namespace WalletGateway.Contracts.Admin;

/// <summary>One entry of <c>GET /admin/cards?chipId=…</c>: a card ever written to the chip, with its durable status.</summary>
/// <param name="OnThisChip">Whether the card's record still binds it to this chip.</param>
/// <param name="RemovalPendingCardId">
/// When the card must still be taken off this chip (removal pending: deleted or suspended for loss while on it), the card id
/// (<c>DF01</c>) the chip holds it under; otherwise <see langword="null"/>.
/// </param>
public sealed record AdminChipCardResponse(string IssuerId, string CardRef, string? CardId, string Status, bool OnThisChip, string? RemovalPendingCardId = null);
