namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>A session as the terminal sees it.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.SessionView")]
public sealed record SessionView(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] SessionState State,
    [property: Id(2)] int Seq,
    [property: Id(3)] DateTimeOffset ExpiresAt);
