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
            WatchExpiry(now);
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

    public async Task ExpireIfDueAsync()
    {
        if (_session.State.IsUnknown() || !IsPastDeadline())
        {
            // A step moved the deadline after the sweep looked, or the session already ended.
            return;
        }

        if (!_session.State.IsClosed())
        {
            await EndAsync(SessionState.Expired, "session-expired");
        }

        _session = _session with { State = SessionState.Expired, Script = null, Pending = null, Steps = _session.Steps with { Last = null } };
        _script = null;
        localSessions.ExpiresAt(GrainContext, DateTimeOffset.MaxValue);
        DeactivateOnIdle();
    }

    private void Touch(DateTimeOffset now)
    {
        _session = _session with { IdleDeadline = clock.IdleDeadline(now, _session.HardDeadline) };
        WatchExpiry(now);
    }

    /// <summary>
    /// No timer of its own: hands the deadline to the silo's expiry sweep (<see cref="SessionExpirySweep"/>), and keeps
    /// Orleans' idle collection away until a little after it (<c>DelayDeactivation</c> only sets a time, no timer).
    /// </summary>
    private void WatchExpiry(DateTimeOffset now)
    {
        localSessions.ExpiresAt(GrainContext, _session.ExpiresAt);
        var keepAlive = _session.ExpiresAt - now + TimeSpan.FromSeconds(5);
        if (keepAlive > TimeSpan.Zero)
        {
            this.DelayDeactivation(keepAlive);
        }
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

        await EndRemovalAsync(reason);
        await Claims.ReleaseAsync(_session);
        metrics.Failed(reason);
        LogEnded(logger, SessionId, final.Describe(), reason);
    }
}
