namespace WalletGateway.Contracts.Admin;

/// <summary>
/// One entry of <c>GET /admin/devices/{deviceId}/cards</c>: a card the device wrote (its card id on the chip it wrote it
/// to), with the card's durable status now, wherever the card is now.
/// </summary>
/// <param name="OnThisChip">Whether the card's record still binds it to <paramref name="ChipId"/> (false once it moved to another chip, was deleted or taken off).</param>
/// <param name="RemovalPending">Whether the card must still be taken off <paramref name="ChipId"/> (deleted or suspended for loss while on it).</param>
public sealed record AdminDeviceCardResponse(
    string IssuerId, string CardRef, string? CardId, string ChipId, string Status, bool OnThisChip, bool RemovalPending);
