using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// One timer per silo, not one per session: every <see cref="SessionOptions.ExpirySweepInterval"/> it reads the deadlines
/// of this silo's sessions (<see cref="LocalSessions"/>) and asks each one past its deadline to end
/// (<see cref="ITerminalSessionGrain.ExpireIfDueAsync"/>), which releases its card lease and deactivates it.
/// The period is wall time; the deadlines are on the gateway's clock.
/// </summary>
public sealed partial class SessionExpirySweep(
    LocalSessions sessions,
    SessionClock clock,
    IGrainFactory grains,
    IOptions<SessionOptions> options,
    ILogger<SessionExpirySweep> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    // Enough to end a burst of expiries quickly without flooding the cards' storage with lease releases.
    private const int MaxConcurrentExpiries = 32;

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SessionExpirySweep), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>Ends every session of this silo that is past its deadline now; returns how many were asked.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var due = sessions.DueAt(clock.UtcNow);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentExpiries, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                try
                {
                    await grains.GetGrain<ITerminalSessionGrain>(id.GetGuidKey()).ExpireIfDueAsync();
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Asked again on the next sweep while it is still past its deadline (a call cancelled on its way, too).
                    LogExpiryFailed(logger, id.GetGuidKey(), e.GetType().Name);
                }
            });
        return due.Count;
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(options.Value.ExpirySweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    await SweepAsync(_stopping.Token);
                }
                catch (Exception e) when (!_stopping.IsCancellationRequested)
                {
                    // One failed sweep must not end the loop: the next tick tries again.
                    LogExpiryFailed(logger, Guid.Empty, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Session {SessionId} is past its deadline but did not end ({Error}); asked again on the next sweep")]
    private static partial void LogExpiryFailed(ILogger logger, Guid sessionId, string error);
}
