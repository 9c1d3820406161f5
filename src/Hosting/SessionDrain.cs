using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using WalletGateway.Grains;
using WalletGateway.Grains.Sessions;

namespace WalletGateway.Hosting;

/// <summary>
/// Scale-down without losing sessions: when this silo starts shutting down (as it tells the cluster it is leaving), every live
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

    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(500);

    // BecomeActive's stop is where the membership agent marks this silo ShuttingDown (placement then avoids it);
    // Orleans deactivates what is left right after (GrainDeactivation), so sessions must be gone by then.
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SessionDrain), ServiceLifecycleStage.BecomeActive, _ => Task.CompletedTask, DrainAsync);

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var asked = new HashSet<GrainId>();
        var quietSince = started;
        var next = 0;
        while (TimeProvider.System.GetElapsedTime(started) < Timeout)
        {
            var targets = membership.CurrentSnapshot.Members.Values
                .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(local.SiloAddress))
                .Select(m => m.SiloAddress)
                .ToArray();
            if (targets.Length == 0)
            {
                if (sessions.Count > 0)
                {
                    LogNowhereToGo(logger, sessions.Count);
                }

                return;
            }

            // Sessions placed here while the rest of the cluster has not yet seen this silo leave are moved too.
            foreach (var session in sessions.Snapshot())
            {
                if (asked.Add(session.GrainId))
                {
                    session.Migrate(new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = targets[next++ % targets.Length] }, cancellationToken);
                }
            }

            if (sessions.Count > 0)
            {
                quietSince = TimeProvider.System.GetTimestamp();
            }
            else if (TimeProvider.System.GetElapsedTime(quietSince) > QuietPeriod)
            {
                break;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        LogDrained(logger, asked.Count, sessions.Count, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Drain: {Count} live sessions and no other active silo to take them; they end with this silo")]
    private static partial void LogNowhereToGo(ILogger logger, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Drain: {Count} live sessions handed to other silos; {Left} still here after {ElapsedMs} ms")]
    private static partial void LogDrained(ILogger logger, int count, int left, double elapsedMs);
}
