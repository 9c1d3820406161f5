using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Sessions;

// Activation, expiry and the end of a session: it stays in memory until it expires, then lets go.
public sealed partial class TerminalSessionGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        localSessions.Add(GrainContext);
        GrainContext.ObservableLifecycle.AddMigrationParticipant(this);
        if (!_session.State.IsUnknown())
        {
            // Resumed after a migration (OnRehydrate ran first).
            var now = clock.UtcNow;
            StartExpiryTimer(now);
            KeepActiveUntilExpiry(now);
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        localSessions.Remove(GrainContext);
        if (!_session.State.IsUnknown())
        {
            LogDeactivating(logger, SessionId, _session.State.Describe(), reason.ToString());
        }

        return Task.CompletedTask;
    }

    private bool IsPastDeadline() => clock.UtcNow >= _session.ExpiresAt;

    private void Touch(DateTimeOffset now)
    {
        _session = _session with { IdleDeadline = clock.IdleDeadline(now, _session.HardDeadline) };
        KeepActiveUntilExpiry(now);
        _expiryTimer?.Change(UntilExpiryCheck(now), Timeout.InfiniteTimeSpan);
    }

    private void StartExpiryTimer(DateTimeOffset now) =>
        _expiryTimer = this.RegisterGrainTimer(OnExpiryTimerAsync, UntilExpiryCheck(now), Timeout.InfiniteTimeSpan);

    private TimeSpan UntilExpiryCheck(DateTimeOffset now) => _session.ExpiresAt - now + TimeSpan.FromSeconds(1);

    private void KeepActiveUntilExpiry(DateTimeOffset now)
    {
        var keepAlive = _session.ExpiresAt - now + TimeSpan.FromSeconds(5);
        if (keepAlive > TimeSpan.Zero)
        {
            this.DelayDeactivation(keepAlive);
        }
    }

    private async Task OnExpiryTimerAsync(CancellationToken cancellationToken)
    {
        if (_session.State.IsUnknown())
        {
            return;
        }

        if (!IsPastDeadline())
        {
            _expiryTimer?.Change(UntilExpiryCheck(clock.UtcNow), Timeout.InfiniteTimeSpan);
            return;
        }

        if (!_session.State.IsClosed())
        {
            await EndAsync(SessionState.Expired, "session-expired");
        }

        _session = _session with { State = SessionState.Expired, Script = null, Pending = null, Steps = _session.Steps with { Last = null } };
        _script = null;
        DeactivateOnIdle();
    }

    /// <summary>
    /// Ends an unfinished session: lets go of its card (see <see cref="SessionClaims.ReleaseLeaseAsync"/>), its chip and device.
    /// When the card's write fails, the card settles the lease itself once it runs out (it recorded whether card data went out).
    /// </summary>
    private async Task EndAsync(SessionState final, string reason)
    {
        // A pending batch of APDUs was never handed to the terminal; a pending activation means the chip holds the card.
        var mayBeOnChip = _script?.FinalBlockSent == true && _session.Pending is not { Receipt: null };
        var leaseHeld = _session.LeaseHeld;
        _session = _session with { State = final, Script = null, Pending = null, LeaseHeld = false };
        _script = null;
        if (leaseHeld)
        {
            try
            {
                await Claims.ReleaseLeaseAsync(_session, mayBeOnChip, reason);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLeaseLeftToRunOut(logger, SessionId, reason, e.GetType().Name);
            }
        }

        await Claims.ReleaseAsync(_session);
        metrics.Failed(reason);
        LogEnded(logger, SessionId, final.Describe(), reason);
    }
}
