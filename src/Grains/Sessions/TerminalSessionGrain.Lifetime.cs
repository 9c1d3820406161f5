using WalletGateway.Grains.Interfaces;
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
            _expiryTimer = this.RegisterGrainTimer(OnExpiryTimerAsync, _session.ExpiresAt - now + TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
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
        _expiryTimer?.Change(_session.ExpiresAt - now + TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
    }

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
            _expiryTimer?.Change(_session.ExpiresAt - clock.UtcNow + TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
            return;
        }

        if (!_session.State.IsClosed())
        {
            await EndAsync(SessionState.Expired, "session-expired");
        }

        _session = _session with { State = SessionState.Expired, Script = null, Steps = _session.Steps with { Last = null } };
        _script = null;
        DeactivateOnIdle();
    }

    /// <summary>
    /// Ends an unfinished session: releases the card lease and tells the issuer. Once the last block
    /// has been handed to the terminal the chip may hold the card whatever comes back (or does not),
    /// so the card then stays bound to that chip instead of being released.
    /// </summary>
    private async Task EndAsync(SessionState final, string reason)
    {
        var mayBeOnChip = _script?.FinalBlockSent == true;
        var leaseHeld = _session.LeaseHeld;
        _session = _session with { State = final, Script = null, LeaseHeld = false };
        _script = null;
        if (leaseHeld)
        {
            var card = grains.GetGrain<ICardGrain>(CardKey.For(_session.IssuerId, _session.CardRef!));
            if (mayBeOnChip)
            {
                await card.MarkUnconfirmedAsync(SessionId, reason);
            }
            else
            {
                // The release's write records the abort notice in the card's outbox.
                await card.ReleaseLeaseAsync(SessionId, reason);
            }
        }

        await ReleaseClaimsAsync();
        metrics.Failed(reason);
        LogEnded(logger, SessionId, final.Describe(), reason);
    }

    /// <summary>A finished session stops counting against its device and frees its chip.</summary>
    private async Task ReleaseClaimsAsync()
    {
        await grains.GetGrain<IChipGrain>(_session.ChipId).ReleaseAsync(SessionId);
        await grains.GetGrain<IDeviceGrain>(_session.DeviceId).EndSessionAsync(SessionId);
    }
}
