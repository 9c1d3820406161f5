using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Chips;

public sealed class ChipGrain(GatewayClock clock, LimiterMetrics limiterMetrics) : Grain, IChipGrain
{
    private Guid? _session;
    private string? _device;
    private DateTimeOffset _until;

    public Task<Guid?> ClaimAsync(Guid sessionId, string deviceId, DateTimeOffset until)
    {
        var now = clock.UtcNow;
        Guid? superseded = null;
        if (_session is { } holder && holder != sessionId && _until > now)
        {
            if (!string.Equals(_device, deviceId, StringComparison.Ordinal))
            {
                limiterMetrics.Rejected("chip");
                throw new GatewayException(GatewayError.ChipBusy,
                    "Another session is writing to this chip; one session per chip at a time.", retryAfter: _until - now);
            }

            // The same phone opening again (e.g. the app restarted): the new session replaces the old one.
            superseded = holder;
        }

        (_session, _device, _until) = (sessionId, deviceId, until);
        this.DelayDeactivation(until - now);
        return Task.FromResult(superseded);
    }

    public Task ReleaseAsync(Guid sessionId)
    {
        if (_session == sessionId)
        {
            (_session, _device) = (null, null);
        }

        return Task.CompletedTask;
    }
}
