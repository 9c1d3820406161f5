namespace WalletGateway.Terminal.Protocol;

/// <summary>The outcome of <see cref="RemovalRunner.RemoveAsync"/>: <paramref name="Removed"/> is the chip's verified answer (false: it did not hold the card).</summary>
public sealed record RemovalResult(string SessionId, string CardId, bool Removed, int RoundTrips);
