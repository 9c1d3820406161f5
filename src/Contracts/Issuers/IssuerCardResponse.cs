namespace WalletGateway.Contracts.Issuers;

/// <summary>One of the calling issuer's cards, by its card reference (<c>/issuer/v1/cards/{cardRef}</c>).</summary>
/// <param name="Status"><c>unprovisioned</c>, <c>provisioning</c>, <c>active</c>, <c>suspended</c>, <c>deleted</c> or <c>unconfirmed</c>.</param>
/// <param name="ChipId">The chip the card is bound to, or null.</param>
/// <param name="Reason">The reason code of the last lifecycle change.</param>
/// <param name="ChangedBy">Who made it: <c>issuer:{issuerId}</c>, <c>member</c>, <c>operator[:{name}]</c>, <c>device:{id}</c>…</param>
/// <param name="RemovalPending">The chip the card must still be taken off (a remote wipe not yet done), or null.</param>
/// <param name="LastRemoval">The last removal the chip itself proved, or null.</param>
public sealed record IssuerCardResponse(
    string CardRef,
    string Status,
    string? CardId,
    string? ChipId,
    string? Reason,
    string? ChangedBy,
    DateTimeOffset? ChangedAt,
    IssuerCardRemovalPending? RemovalPending,
    IssuerCardRemoval? LastRemoval);
