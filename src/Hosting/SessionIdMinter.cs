using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WalletGateway.Grains.Interfaces;

namespace WalletGateway.Hosting;

/// <summary>
/// Picks a new session's id. A frontend that is an Orleans client (<c>Gateway:Mode=Client</c>) sends each grain's calls
/// through one gateway silo, chosen per bucket of the grain id's hash (<see cref="ClientMessagingOptions.ClientSenderBuckets"/>);
/// the device grain and the session are both placed on the silo that received their first call (prefer-local), and the
/// session's callees follow the session. An id in a bucket of the device's silo puts the session, its device, its chip,
/// its budget and its card on one silo: the card's grain calls stay on that silo (docs/architecture.md#placement).
/// Once the frontend has learned which silo each bucket reaches and the cluster's active silos
/// (<see cref="GatewayBucketProbe"/>), the id is also chosen so that the session's entry in Orleans' distributed grain
/// directory belongs to that same silo's partition: the session's lookup, registration and deregistration stay local.
/// </summary>
/// <remarks>
/// The id is still random (a random base; only its last 32 bits are stepped, each try a hash of 16 bytes). The bucket is
/// the client's own arithmetic (grain id hash modulo the bucket count) and the directory's ring a copy
/// (<see cref="DirectoryRing"/>): if a later Orleans changed either, sessions would only land beside their device or
/// their directory entry by chance again; <c>PlacementTests</c> would say so. Co-hosted (the frontend is a silo), every
/// call starts on this silo anyway: a plain random id.
/// </remarks>
public sealed class SessionIdMinter
{
    /// <summary>Tries per bucket before a plain random id (a bucket is hit with probability 1/buckets each try).</summary>
    private const int TriesPerBucket = 16;

    /// <summary>
    /// Tries for an id in one of the home silo's buckets whose directory entry is the home silo's too: each try hits with
    /// probability about 1/N² on N silos (~9 tries for 3 silos). Beyond <see cref="MaxSilosBeside"/> silos the search is
    /// not worth its cost and the id is only put in the device's bucket.
    /// </summary>
    public const int TriesBeside = 4096;

    /// <summary>The largest cluster for which the directory entry is sought (N² ≤ <see cref="TriesBeside"/>).</summary>
    public const int MaxSilosBeside = 64;

    private readonly IGrainFactory _grains;
    // Resolved on first use: a client knows the cluster's grain types only once connected.
    private readonly Lazy<GrainType> _sessionType;
    private readonly uint _buckets;
    private GatewayMap? _map;

    /// <param name="clientMessaging">The Orleans client's options; null when the frontend is co-hosted with a silo.</param>
    public SessionIdMinter(IGrainFactory grains, IOptions<ClientMessagingOptions>? clientMessaging)
    {
        _grains = grains;
        _sessionType = new(() => grains.GetGrain<ITerminalSessionGrain>(Guid.Empty).GetGrainId().Type);
        _buckets = clientMessaging is null ? 0u : (uint)Math.Max(clientMessaging.Value.ClientSenderBuckets, 0);
    }

    /// <summary>The client's bucket count (0 when co-hosted).</summary>
    public uint Buckets => _buckets;

    /// <summary>What the frontend last learned of its buckets' silos and the directory's ring; null before the first probe.</summary>
    public GatewayMap? Map => Volatile.Read(ref _map);

    /// <summary>Takes a new view of the buckets' silos and the directory's ring (<see cref="GatewayBucketProbe"/>).</summary>
    public void Learn(GatewayMap map) => Volatile.Write(ref _map, map);

    /// <summary>A new session id, in the client's gateway bucket of <paramref name="deviceId"/>'s grain when there is one.</summary>
    public Guid NewSessionId(string deviceId)
    {
        if (_buckets <= 1)
        {
            return Guid.NewGuid();
        }

        var bucket = Bucket(_grains.GetGrain<IDeviceGrain>(deviceId).GetGrainId(), _buckets);
        return Map is { } map && map.SiloOfBucket(bucket) >= 0 && map.Ring.Silos.Count <= MaxSilosBeside
            ? MintBeside(_sessionType.Value, bucket, _buckets, map)
            : Mint(_sessionType.Value, bucket, _buckets);
    }

    /// <summary>
    /// A random id whose grain id of <paramref name="sessionType"/> falls in <paramref name="bucket"/> of
    /// <paramref name="buckets"/>; after <see cref="TriesPerBucket"/> × buckets misses (odds e^-16), a random id anywhere.
    /// </summary>
    public static Guid Mint(GrainType sessionType, uint bucket, uint buckets)
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        var counter = BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
        for (var i = 0; i < TriesPerBucket * buckets; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[12..], counter + (uint)i);
            var id = new Guid(bytes);
            if (Bucket(GrainId.Create(sessionType, GrainIdKeyExtensions.CreateGuidKey(id)), buckets) == bucket)
            {
                return id;
            }
        }

        return new Guid(bytes);
    }

    /// <summary>
    /// A random id in a bucket that reaches the same silo as <paramref name="bucket"/> (per <paramref name="map"/>) whose
    /// grain id's directory entry belongs to that silo; failing that within <see cref="TriesBeside"/> tries, an id in
    /// <paramref name="bucket"/> itself.
    /// </summary>
    public static Guid MintBeside(GrainType sessionType, uint bucket, uint buckets, GatewayMap map)
    {
        var home = map.SiloOfBucket(bucket);
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        var counter = BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
        Guid? inBucket = null;
        for (var i = 0; i < TriesBeside; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[12..], counter + (uint)i);
            var id = new Guid(bytes);
            var grain = GrainId.Create(sessionType, GrainIdKeyExtensions.CreateGuidKey(id));
            var candidate = Bucket(grain, buckets);
            if (map.SiloOfBucket(candidate) != home)
            {
                continue;
            }

            if (map.Ring.OwnerOf(grain.GetUniformHashCode()) == home)
            {
                return id;
            }

            if (candidate == bucket)
            {
                inBucket ??= id;
            }
        }

        return inBucket ?? Mint(sessionType, bucket, buckets);
    }

    /// <summary>The client's bucket of a grain: <c>ClientMessageCenter</c>'s hash modulo the bucket count.</summary>
    public static uint Bucket(GrainId grain, uint buckets)
    {
        var mod = (int)buckets;
        return (uint)(((grain.GetHashCode() % mod) + mod) % mod);
    }
}

/// <summary>
/// Which silo each of the client's buckets reaches (an index into <see cref="Ring"/>'s silos, -1 unknown) and the
/// directory's ring of the cluster's active silos, as last probed.
/// </summary>
public sealed class GatewayMap(DirectoryRing ring, int[] siloOfBucket)
{
    public DirectoryRing Ring { get; } = ring;

    public int SiloOfBucket(uint bucket) => bucket < (uint)siloOfBucket.Length ? siloOfBucket[bucket] : -1;
}
