using Orleans.Placement;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Chips;

/// <summary>
/// Which session may write to the chip. Opening a session for a chip id does not take the chip: a session holds
/// it once the chip proved itself (its card cryptogram verified), so a session opened for someone else's chip id
/// shuts nobody out. The last session opened is remembered only so that the same phone opening again supersedes it.
/// </summary>
// Beside the session that opens on it first: claim, prove and release stay in-process (docs/architecture.md#placement).
[PreferLocalPlacement]
public sealed class ChipGrain(GatewayClock clock, LimiterMetrics limiterMetrics) : Grain, IChipGrain
{
    private Holder? _proven;
    private Holder? _opened;

    public Task<Guid?> ClaimAsync(Guid sessionId, string deviceId, DateTimeOffset until)
    {
        var now = clock.UtcNow;
        Guid? superseded = null;
        if (Live(_proven, now) is { } proven && proven.Session != sessionId)
        {
            if (!string.Equals(proven.Device, deviceId, StringComparison.Ordinal))
            {
                throw Busy(proven, now);
            }

            // The same phone opening again (e.g. the app restarted): the new session replaces the old one.
            superseded = proven.Session;
            _proven = null;
        }
        else if (Live(_opened, now) is { } opened && opened.Session != sessionId && string.Equals(opened.Device, deviceId, StringComparison.Ordinal))
        {
            superseded = opened.Session;
        }

        _opened = new Holder(sessionId, deviceId, until);
        this.DelayDeactivation(until - now);
        return Task.FromResult(superseded);
    }

    public Task ProveAsync(Guid sessionId, string deviceId, DateTimeOffset until)
    {
        var now = clock.UtcNow;
        if (Live(_proven, now) is { } proven && proven.Session != sessionId)
        {
            throw Busy(proven, now);
        }

        _proven = new Holder(sessionId, deviceId, until);
        this.DelayDeactivation(until - now);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(Guid sessionId)
    {
        if (_proven?.Session == sessionId)
        {
            _proven = null;
        }

        if (_opened?.Session == sessionId)
        {
            _opened = null;
        }

        return Task.CompletedTask;
    }

    private static Holder? Live(Holder? holder, DateTimeOffset now) => holder is { } h && h.Until > now ? h : null;

    private GatewayException Busy(Holder holder, DateTimeOffset now)
    {
        limiterMetrics.Rejected("chip");
        return new GatewayException(GatewayError.ChipBusy,
            "Another session is writing to this chip; one session per chip at a time.", retryAfter: holder.Until - now);
    }

    private sealed record Holder(Guid Session, string Device, DateTimeOffset Until);
}
