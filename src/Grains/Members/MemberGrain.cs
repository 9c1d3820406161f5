using Microsoft.Extensions.Options;
using Orleans.Placement;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Members;

/// <summary>
/// Volatile by choice: the count lives as long as the activation, which is kept alive while the
/// member is locked. A silo crash forgets a lock early (the issuer still refuses wrong codes).
/// </summary>
// Beside the session that authenticates the member first (docs/architecture.md#placement).
[PreferLocalPlacement]
public sealed class MemberGrain(IOptions<MemberLockoutOptions> options, GatewayClock clock, LimiterMetrics limiterMetrics) : Grain, IMemberGrain
{
    private readonly MemberLockoutOptions _options = options.Value;
    private int _wrongCodes;
    private DateTimeOffset? _lockedUntil;

    public Task EnsureNotLockedAsync()
    {
        if (_lockedUntil is { } until)
        {
            var left = until - clock.UtcNow;
            if (left > TimeSpan.Zero)
            {
                limiterMetrics.Rejected("member");
                throw new GatewayException(GatewayError.MemberLocked,
                    $"Too many wrong access codes in a row: this member is locked for {Math.Ceiling(left.TotalMinutes)} more minute(s).",
                    retryAfter: left);
            }

            _lockedUntil = null;
            _wrongCodes = 0;
        }

        return Task.CompletedTask;
    }

    public Task<int> RecordWrongCodeAsync()
    {
        _wrongCodes++;
        var left = Math.Max(0, _options.MaxWrongCodes - _wrongCodes);
        if (left == 0)
        {
            _lockedUntil = clock.UtcNow + _options.LockDuration;
            this.DelayDeactivation(_options.LockDuration);
        }

        return Task.FromResult(left);
    }

    public Task RecordSuccessAsync()
    {
        _wrongCodes = 0;
        _lockedUntil = null;
        return Task.CompletedTask;
    }
}
