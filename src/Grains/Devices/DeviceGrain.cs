using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Devices;

public sealed class DeviceGrain(
    [PersistentState("device", StorageNames.Durable)] IPersistentState<DeviceState> device,
    GatewayClock clock,
    StorageMetrics metrics,
    LimiterMetrics limiterMetrics,
    IOptions<DeviceLimitOptions> limitOptions) : Grain, IDeviceGrain
{
    private readonly DeviceLimitOptions _limits = limitOptions.Value;
    private readonly Dictionary<Guid, DateTimeOffset> _openSessions = [];
    private TokenBucketRateLimiter? _opens;

    public async Task<int> RegisterAsync(string model, string osVersion)
    {
        if (device.State.Registered)
        {
            throw new GatewayException(GatewayError.DeviceAlreadyRegistered, "This device is already registered.");
        }

        device.State.Registered = true;
        device.State.Generation = 1;
        device.State.Model = model;
        device.State.OsVersion = osVersion;
        device.State.RegisteredAt = clock.UtcNow;
        await this.WriteDurablyAsync(device, metrics);
        return device.State.Generation;
    }

    public Task<bool> IsGenerationCurrentAsync(int generation) =>
        Task.FromResult(device.State.Registered && device.State.RevokedAt is null && generation == device.State.Generation);

    public Task BeginSessionAsync(Guid sessionId, DateTimeOffset until)
    {
        var now = clock.UtcNow;
        // Sessions lost with a crashed silo never call EndSessionAsync: they stop counting at their deadline.
        foreach (var expired in _openSessions.Where(s => s.Value <= now).Select(s => s.Key).ToList())
        {
            _openSessions.Remove(expired);
        }

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
            AutoReplenishment = true,
        });
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

    public async Task<bool> RevokeAsync()
    {
        if (!device.State.Registered)
        {
            return false;
        }

        if (device.State.RevokedAt is null)
        {
            device.State.RevokedAt = clock.UtcNow;
            await this.WriteDurablyAsync(device, metrics);
        }

        return true;
    }
}
