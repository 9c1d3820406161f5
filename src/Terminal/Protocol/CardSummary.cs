namespace WalletGateway.Terminal.Protocol;

/// <summary>What the member may see of the card being written.</summary>
/// <param name="Last4">The last four digits of the card number.</param>
/// <param name="Expiry">Expiry as <c>YYYY-MM</c>.</param>
public sealed record CardSummary(string Last4, string Expiry);
