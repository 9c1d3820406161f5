namespace WalletGateway.Contracts.Admin;

/// <summary>Body of the card lifecycle calls (suspend, resume, delete).</summary>
/// <param name="Reason">A code of lower-case letters, digits and <c>-</c>, e.g. <c>lost-phone</c>.</param>
/// <param name="RequestedBy"><c>member</c>, <c>issuer</c> or <c>operator</c>.</param>
public sealed record CardChangeRequest(string? Reason, string? RequestedBy);
