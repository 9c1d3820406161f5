using Orleans.Placement;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Devices;

/// <summary>
/// A device's registration (durable), its session budget and its open sessions (in memory: what the operator lists and a
/// revocation ends). The registration is read when a call first needs it, not on activation: a registration (a fresh
/// random device id) is an insert with no read, refused by storage if the device exists; opening and ending sessions
/// never read it.
/// </summary>
// On the gateway silo its registration came through, where the frontend's token checks of the device keep going (docs/architecture.md#placement).
[PreferLocalPlacement]
public sealed class DeviceGrain(
    [FromKeyedServices(StorageNames.Durable)] IGrainStorage storage,
    GatewayClock clock,
    StorageMetrics metrics,
    LimiterMetrics limiterMetrics,
    IOptions<DeviceLimitOptions> limitOptions) : Grain, IDeviceGrain
{
    private const string StateName = "device";

    private readonly DeviceLimitOptions _limits = limitOptions.Value;
    private readonly Dictionary<Guid, DateTimeOffset> _openSessions = [];
    private OnDemandState<DeviceState>? _device;
    private TokenBucketRateLimiter? _opens;

    private OnDemandState<DeviceState> Device => _device ??= new(StateName, this.GetGrainId(), storage);

    public async Task<int> RegisterAsync(string model, string osVersion)
    {
        var device = Device;
        if (device.IsKnown && device.State.Registered)
        {
            throw AlreadyRegistered();
        }

        device.State.Registered = true;
        device.State.Generation = 1;
        device.State.Model = model;
        device.State.OsVersion = osVersion;
        device.State.RegisteredAt = clock.UtcNow;
        // Not read: no ETag, so storage inserts the row, and refuses if the device was registered before.
        if (!await this.InsertDurablyAsync(device, metrics))
        {
            throw AlreadyRegistered();
        }

        return device.State.Generation;
    }

    public async Task<bool> IsGenerationCurrentAsync(int generation)
    {
        await Device.ReadDurablyAsync();
        var state = Device.State;
        return state.Registered && state.RevokedAt is null && generation == state.Generation;
    }

    public Task BeginSessionAsync(Guid sessionId, DateTimeOffset until)
    {
        // Known only once read or revoked here (a session's begin reads nothing): closes the race of a request whose token
        // was checked just before the revocation, so the revocation's list of open sessions is every session there is.
        if (_device is { IsKnown: true, State.RevokedAt: not null })
        {
            throw new GatewayException(GatewayError.InvalidDeviceToken, "This device was revoked.");
        }

        var now = clock.UtcNow;
        DropExpiredSessions(now);

        if (_openSessions.Count >= _limits.MaxConcurrentSessions)
        {
            limiterMetrics.Rejected("device-sessions");
            throw new GatewayException(GatewayError.RateLimited,
                $"This device already has {_openSessions.Count} open sessions; finish or abort one first.",
                retryAfter: _openSessions.Values.Min() - now);
        }

        _opens ??= new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = _limits.SessionOpenBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / _limits.SessionOpensPerMinute),
            QueueLimit = 0,
            // Refilled here from the time elapsed since the last open, not by a timer of its own (one per device).
            AutoReplenishment = false,
        });
        _opens.TryReplenish();
        using var lease = _opens.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            limiterMetrics.Rejected("device-opens");
            throw new GatewayException(GatewayError.RateLimited, "Too many sessions opened by this device; slow down.",
                retryAfter: lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60.0 / _limits.SessionOpensPerMinute));
        }

        _openSessions[sessionId] = until;
        return Task.CompletedTask;
    }

    public Task EndSessionAsync(Guid sessionId)
    {
        _openSessions.Remove(sessionId);
        return Task.CompletedTask;
    }

    public async Task<DeviceOverview?> RevokeAsync()
    {
        var device = Device;
        await device.ReadDurablyAsync();
        if (!device.State.Registered)
        {
            return null;
        }

        if (device.State.RevokedAt is null)
        {
            device.State.RevokedAt = clock.UtcNow;
            await this.WriteDurablyAsync(device, metrics);
        }

        return Overview();
    }

    public async Task<DeviceOverview?> GetOverviewAsync()
    {
        await Device.ReadDurablyAsync();
        return Device.State.Registered ? Overview() : null;
    }

    private DeviceOverview Overview()
    {
        DropExpiredSessions(clock.UtcNow);
        var s = Device.State;
        return new DeviceOverview(this.GetPrimaryKeyString(), s.Model, s.OsVersion, s.RegisteredAt, s.RevokedAt, [.. _openSessions.Keys]);
    }

    /// <summary>Sessions lost with a crashed silo never call <see cref="EndSessionAsync"/>: they stop counting at their deadline.</summary>
    private void DropExpiredSessions(DateTimeOffset now)
    {
        foreach (var expired in _openSessions.Where(s => s.Value <= now).Select(s => s.Key).ToList())
        {
            _openSessions.Remove(expired);
        }
    }

    private static GatewayException AlreadyRegistered() =>
        new(GatewayError.DeviceAlreadyRegistered, "This device is already registered.");
}
