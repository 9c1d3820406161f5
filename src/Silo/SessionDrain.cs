using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using WalletGateway.Grains;

namespace WalletGateway.Silo;

/// <summary>
/// Scale-down without losing sessions: when this silo starts shutting down (first stop stage), every live
/// session activation is migrated to another active silo (round robin), carrying its state
/// (<see cref="IGrainMigrationParticipant"/> on the session grain); then Orleans deactivates the rest.
/// A session that cannot move (no other silo, or the drain timeout passes) is lost with its silo: the
/// terminal's next step gets 404 session-not-found and opens a new session; its card lease runs out.
/// </summary>
public sealed partial class SessionDrain(
    LocalSessions sessions,
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    ILogger<SessionDrain> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SessionDrain), ServiceLifecycleStage.Active, _ => Task.CompletedTask, DrainAsync);

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var targets = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(local.SiloAddress))
            .Select(m => m.SiloAddress)
            .ToArray();
        var live = sessions.Snapshot();
        if (live.Count == 0)
        {
            return;
        }

        if (targets.Length == 0)
        {
            LogNowhereToGo(logger, live.Count);
            return;
        }

        var started = TimeProvider.System.GetTimestamp();
        var i = 0;
        foreach (var session in live)
        {
            session.Migrate(new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = targets[i++ % targets.Length] }, cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        while (sessions.Count > 0 && !timeout.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        LogDrained(logger, live.Count, targets.Length, sessions.Count, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Drain: {Count} live sessions and no other active silo to take them; they end with this silo")]
    private static partial void LogNowhereToGo(ILogger logger, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Drain: {Count} live sessions handed to {Targets} silo(s); {Left} still here after {ElapsedMs} ms")]
    private static partial void LogDrained(ILogger logger, int count, int targets, int left, double elapsedMs);
}
