using System.Collections.Immutable;
using System.Net;
using System.Reflection;
using Orleans.Configuration;
using Orleans.Runtime;
using WalletGateway.Hosting;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// <see cref="DirectoryRing"/> names the same owner as Orleans' own view of its distributed grain directory
/// (<c>DirectoryMembershipSnapshot</c>, internal: reached by reflection, so an Orleans that changed it fails here first).
/// </summary>
public sealed class DirectoryRingTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(5, 1)]
    [InlineData(3, 30)]
    [InlineData(8, 4)]
    public void OwnerOf_AgreesWithOrleansDirectory(int siloCount, int partitions)
    {
        var silos = Enumerable.Range(0, siloCount)
            .Select(i => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + i), 155_000_000 + i * 7))
            .ToArray();
        var boundaries = new GrainDirectoryOptions().GetPartitionBoundaries;
        var ring = DirectoryRing.Create(silos.Reverse().Select(s => (s, (IReadOnlyList<uint>)boundaries(s, partitions).ToArray())));
        var orleans = OrleansView(silos, partitions, boundaries);

        var random = new Random(siloCount * 100 + partitions);
        var points = silos.SelectMany(s => boundaries(s, partitions)).ToArray();
        var hashes = Enumerable.Range(0, 20_000).Select(_ => (uint)random.NextInt64(0, 1L << 32))
            .Concat(points).Concat(points.Select(p => unchecked(p + 1))).Concat(points.Select(p => unchecked(p - 1)))
            .Concat([0u, uint.MaxValue]);
        foreach (var hash in hashes)
        {
            Assert.Equal(orleans(hash), ring.Silos[ring.OwnerOf(hash)]);
        }
    }

    [Fact]
    public void OwnerOf_NoSilos_IsNone() => Assert.Equal(-1, DirectoryRing.Create([]).OwnerOf(42));

    private static Func<uint, SiloAddress> OrleansView(SiloAddress[] silos, int partitions, Func<SiloAddress, int, ImmutableArray<uint>> boundaries)
    {
        var members = silos.ToImmutableDictionary(s => s, s => new ClusterMember(s, SiloStatus.Active, s.ToString()));
        var membership = new ClusterMembershipSnapshot(members, new MembershipVersion(1));
        var type = typeof(Orleans.Runtime.Silo).Assembly.GetType("Orleans.Runtime.GrainDirectory.DirectoryMembershipSnapshot", throwOnError: true)!;
        var snapshot = Activator.CreateInstance(type, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null,
            [membership, null, partitions, boundaries], null)!;
        var tryGetOwner = type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Single(m => m.Name == "TryGetOwner" && m.GetParameters()[0].ParameterType == typeof(uint));
        return hash =>
        {
            object?[] args = [hash, null, null];
            Assert.True((bool)tryGetOwner.Invoke(snapshot, args)!);
            return (SiloAddress)args[1]!;
        };
    }
}
