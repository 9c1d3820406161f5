namespace WalletGateway.Contracts.Issuers;

/// <summary>A removal the chip proved (its answer verified).</summary>
/// <param name="Kind"><c>removal</c> (a terminal asked) or <c>wipe</c> (a remote wipe after a delete or a suspension for loss).</param>
/// <param name="Removed">The chip held the card and removed it (false: it did not hold it).</param>
public sealed record IssuerCardRemoval(string ChipId, string CardId, DateTimeOffset At, string Kind, bool Removed);
