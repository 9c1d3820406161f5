namespace WalletGateway.Contracts;

/// <summary>What the member may see of the card being written, on the answer to authenticate.</summary>
/// <param name="Last4">The last four digits of the card number.</param>
/// <param name="Expiry">Expiry as <c>YYYY-MM</c>.</param>
public sealed record CardPreview(string Last4, string Expiry);
