using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Hosting;

/// <summary>
/// In a client-mode frontend, learns every <see cref="Period"/> which silo each of the client's gateway buckets reaches
/// and the cluster's active silos with their grain directory ring points: one call per bucket to a stateless worker whose key falls in that bucket
/// (<see cref="IGatewaySiloGrain"/>, answered on the gateway silo, no directory entry), the ring only when the
/// membership version moved. <see cref="SessionIdMinter"/> mints session ids from it. A gateway lost between two probes
/// only costs the sessions minted meanwhile their directory entry's locality (their device's bucket still holds).
/// </summary>
public sealed partial class GatewayBucketProbe(IGrainFactory grains, SessionIdMinter minter, ILogger<GatewayBucketProbe> logger)
    : BackgroundService
{
    /// <summary>How often the buckets are probed: 256 small calls each time.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private Guid[]? _keys;
    private long _version = -1;
    private DirectoryRing? _ring;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                await ProbeAsync();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogProbeFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Probes every bucket once and hands the result to the minter.</summary>
    public async Task ProbeAsync()
    {
        var buckets = minter.Buckets;
        if (buckets <= 1)
        {
            return;
        }

        var type = grains.GetGrain<IGatewaySiloGrain>(Guid.Empty).GetGrainId().Type;
        var keys = _keys ??= Enumerable.Range(0, (int)buckets).Select(b => SessionIdMinter.Mint(type, (uint)b, buckets)).ToArray();
        var known = _version;
        var answers = await Task.WhenAll(keys.Select(async key =>
        {
            try
            {
                return await grains.GetGrain<IGatewaySiloGrain>(key).DescribeAsync(known);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return null;
            }
        }));

        if (answers.Where(a => a?.Ring is not null).MaxBy(a => a!.MembershipVersion) is { } newest && newest.MembershipVersion > _version)
        {
            _ring = DirectoryRing.Create(newest.Ring!.Select(m => (m.Silo, (IReadOnlyList<uint>)m.Points)));
            _version = newest.MembershipVersion;
        }

        if (_ring is not { } ring)
        {
            return;
        }

        // A bucket's key minted for the client's bucket hash lands in that bucket: answers[b] is bucket b's silo.
        var siloOfBucket = answers.Select(a => a is null ? -1 : ring.IndexOf(a.Silo)).ToArray();
        minter.Learn(new GatewayMap(ring, siloOfBucket));
        LogProbed(logger, siloOfBucket.Count(s => s >= 0), siloOfBucket.Length, ring.Silos.Count, _version);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probing the gateway buckets' silos failed; session ids keep the last view")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gateway buckets probed: {Known} of {Buckets} reach a known silo; {Silos} active silos (membership version {Version})")]
    private static partial void LogProbed(ILogger logger, int known, int buckets, int silos, long version);
}
