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
/// session's callees follow the session. An id whose bucket is the device's puts the session, its device, its chip, its
/// budget, its member and its card on one silo: the card's grain calls stay on that silo (docs/architecture.md#placement).
/// </summary>
/// <remarks>
/// The id is still random (a random base; only its last 32 bits are stepped to reach the bucket, ~buckets tries, each a
/// hash of 16 bytes). Co-hosted (the frontend is a silo), every call starts on this silo anyway: a plain random id.
/// The bucket is the client's own arithmetic (grain id hash modulo the bucket count): if a later Orleans changed it,
/// sessions would only land beside their device by chance again; <c>PlacementTests</c> would say so.
/// </remarks>
public sealed class SessionIdMinter
{
    /// <summary>Tries per bucket before a plain random id (a bucket is hit with probability 1/buckets each try).</summary>
    private const int TriesPerBucket = 16;

    private readonly IGrainFactory _grains;
    private readonly GrainType _sessionType;
    private readonly uint _buckets;

    /// <param name="clientMessaging">The Orleans client's options; null when the frontend is co-hosted with a silo.</param>
    public SessionIdMinter(IGrainFactory grains, IOptions<ClientMessagingOptions>? clientMessaging)
    {
        _grains = grains;
        _sessionType = grains.GetGrain<ITerminalSessionGrain>(Guid.Empty).GetGrainId().Type;
        _buckets = clientMessaging is null ? 0u : (uint)Math.Max(clientMessaging.Value.ClientSenderBuckets, 0);
    }

    /// <summary>A new session id, in the client's gateway bucket of <paramref name="deviceId"/>'s grain when there is one.</summary>
    public Guid NewSessionId(string deviceId) =>
        _buckets <= 1 ? Guid.NewGuid() : Mint(_sessionType, Bucket(_grains.GetGrain<IDeviceGrain>(deviceId).GetGrainId(), _buckets), _buckets);

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

    /// <summary>The client's bucket of a grain: <c>ClientMessageCenter</c>'s hash modulo the bucket count.</summary>
    public static uint Bucket(GrainId grain, uint buckets)
    {
        var mod = (int)buckets;
        return (uint)(((grain.GetHashCode() % mod) + mod) % mod);
    }
}
