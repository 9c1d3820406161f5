using Microsoft.Extensions.Options;
using Orleans.Placement;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Devices;

/// <summary>
/// Volatile by choice, as the member lockout: the counts live as long as the activation, which is kept alive for
/// the window after each refusal. A silo crash forgets them early (the member lockout and the device's session
/// budget still hold).
/// </summary>
// Beside the device's first session that authenticates (docs/architecture.md#placement).
[PreferLocalPlacement]
public sealed class AuthenticationBudgetGrain(IOptions<DeviceLimitOptions> options, GatewayClock clock, LimiterMetrics limiterMetrics)
    : Grain, IAuthenticationBudgetGrain
{
    private readonly DeviceLimitOptions _limits = options.Value;
    private readonly Queue<DateTimeOffset> _refusals = new();
    private readonly Dictionary<Guid, (int Refusals, DateTimeOffset Last)> _sessions = [];

    public Task EnsureAttemptAllowedAsync(Guid sessionId)
    {
        var now = clock.UtcNow;
        Forget(now);
        if (_refusals.Count >= _limits.MaxFailedAuthenticationsPerDevice)
        {
            limiterMetrics.Rejected("device-authentications");
            throw new GatewayException(GatewayError.RateLimited,
                $"This device had {_refusals.Count} access codes refused recently; try again later.",
                retryAfter: _refusals.Peek() + _limits.FailedAuthenticationWindow - now);
        }

        if (_sessions.TryGetValue(sessionId, out var session) && session.Refusals >= _limits.MaxFailedAuthenticationsPerSession)
        {
            limiterMetrics.Rejected("session-authentications");
            throw new GatewayException(GatewayError.RateLimited,
                $"This session had {session.Refusals} access codes refused; open a new session to try again.",
                retryAfter: TimeSpan.FromSeconds(1));
        }

        return Task.CompletedTask;
    }

    public Task RecordRefusedAsync(Guid sessionId)
    {
        var now = clock.UtcNow;
        _refusals.Enqueue(now);
        _sessions[sessionId] = (_sessions.GetValueOrDefault(sessionId).Refusals + 1, now);
        this.DelayDeactivation(_limits.FailedAuthenticationWindow);
        return Task.CompletedTask;
    }

    private void Forget(DateTimeOffset now)
    {
        var since = now - _limits.FailedAuthenticationWindow;
        while (_refusals.TryPeek(out var oldest) && oldest <= since)
        {
            _refusals.Dequeue();
        }

        // A session lives far shorter than the window: one quiet for a whole window is over.
        foreach (var ended in _sessions.Where(s => s.Value.Last <= since).Select(s => s.Key).ToList())
        {
            _sessions.Remove(ended);
        }
    }
}
