namespace WalletGateway.Grains.Sessions;

/// <summary>
/// What a removal session's script is rebuilt from after a migration: the host challenge and the chip's answers accepted
/// so far (the card id is the session's). Holds no card data.
/// </summary>
[GenerateSerializer, Alias("WalletGateway.RemovalInput")]
public sealed record RemovalInput([property: Id(0)] byte[] HostChallenge, [property: Id(1)] string[][] Relayed);
