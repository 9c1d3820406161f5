using Microsoft.Extensions.Options;
using Orleans.Placement;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Members;

/// <summary>
/// The lockout of the members of one issuer whose ids fall in one shard (<see cref="MemberLockoutShard"/>).
/// Volatile by choice: the counts live as long as the activation, which is kept alive while it holds any entry. A silo
/// crash or shutdown forgets the shard's counts and locks early (the issuer still refuses wrong codes).
/// </summary>
// Hash-based: a shard serves members of sessions on every silo, so no silo is its natural home; hashing spreads the few
// warm shards evenly over the silos and needs no directory decision at activation. The session's call to it crosses
// silos with probability (N-1)/N, but to a warm grain: no activation (directory lookup, registration, deregistration)
// per member (docs/architecture.md#placement).
[HashBasedPlacement]
public sealed class MemberLockoutGrain(IOptions<MemberLockoutOptions> options, GatewayClock clock, LimiterMetrics limiterMetrics)
    : Grain, IMemberLockoutGrain
{
    private readonly MemberLockoutTable _table = new(options.Value);

    public Task<int> EnsureNotLockedAsync(string memberId)
    {
        var (wrongCodes, lockedFor) = _table.Check(memberId, clock.UtcNow);
        if (lockedFor > TimeSpan.Zero)
        {
            limiterMetrics.Rejected("member");
            throw new GatewayException(GatewayError.MemberLocked,
                $"Too many wrong access codes in a row: this member is locked for {Math.Ceiling(lockedFor.TotalMinutes)} more minute(s).",
                retryAfter: lockedFor);
        }

        return Task.FromResult(wrongCodes);
    }

    public Task<int> RecordWrongCodeAsync(string memberId)
    {
        var left = _table.RecordWrongCode(memberId, clock.UtcNow);
        // The entry just written expires last (a lock ends when an unlocked entry would): keep the activation, and so every
        // entry, until then, or idle collection would forget the locks.
        this.DelayDeactivation(options.Value.LockDuration);
        return Task.FromResult(left);
    }

    public Task RecordSuccessAsync(string memberId)
    {
        _table.Clear(memberId, clock.UtcNow);
        return Task.CompletedTask;
    }
}
