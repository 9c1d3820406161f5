namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>
/// The silo that answered (<see cref="IGatewaySiloGrain"/>), its cluster membership version, and the grain directory's
/// ring of that version (null when the caller already knew that version).
/// </summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.GatewaySilo")]
public sealed record GatewaySilo(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] long MembershipVersion,
    [property: Id(2)] RingMember[]? Ring);

/// <summary>An active silo and its points on the grain directory's ring (each owns the hashes after it up to the next point).</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.RingMember")]
public sealed record RingMember(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] uint[] Points);
