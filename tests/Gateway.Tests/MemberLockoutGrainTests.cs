using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The member lockout shard grains in a silo: a clean authentication costs one call to a shard, and a member's lock
/// touches no other member, in its shard or another, and ends with the gateway's clock.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MemberLockoutGrainTests(GatewayFixture fixture)
{
    private const int MaxWrongCodes = 5;
    private static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Authenticate_RightCodeFirstTime_OneLockoutCallAndNoReset()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        using var calls = new InstrumentRecorder("walletgateway.grain_calls.received", fixture.GatewayServices.GetRequiredService<IMeterFactory>());

        await TestTerminal.OpenAndAuthenticateAsync(fixture.Client, token, GatewayFixture.NewChip(), memberId, code);

        // EnsureNotLocked only: no RecordSuccess for a member without wrong codes.
        Assert.Equal(1, calls.Sum(("grain", nameof(IMemberLockoutGrain))));
    }

    [Fact]
    public async Task LockedMember_TouchesNoOtherMemberOfItsShardOrAnother_AndEndsAfterLockDuration()
    {
        // An issuer id of its own: fresh shards, whatever earlier tests counted.
        var issuerId = "lockout-" + Guid.NewGuid().ToString("N");
        const string locked = "member-0";
        var sameShard = OtherMember(issuerId, locked, same: true);
        var otherShard = OtherMember(issuerId, locked, same: false);

        for (var i = 1; i <= MaxWrongCodes; i++)
        {
            Assert.Equal(MaxWrongCodes - i, await Lockout(issuerId, locked).RecordWrongCodeAsync(locked));
        }

        Assert.Equal(MaxWrongCodes - 1, await Lockout(issuerId, sameShard).RecordWrongCodeAsync(sameShard));
        var e = await Assert.ThrowsAsync<GatewayException>(() => Lockout(issuerId, locked).EnsureNotLockedAsync(locked));
        Assert.Equal(GatewayError.MemberLocked, e.Error);
        Assert.Equal(LockDuration, e.RetryAfter);
        Assert.Equal(1, await Lockout(issuerId, sameShard).EnsureNotLockedAsync(sameShard));
        Assert.Equal(0, await Lockout(issuerId, otherShard).EnsureNotLockedAsync(otherShard));

        await Lockout(issuerId, sameShard).RecordSuccessAsync(sameShard);
        Assert.Equal(0, await Lockout(issuerId, sameShard).EnsureNotLockedAsync(sameShard));
        await Assert.ThrowsAsync<GatewayException>(() => Lockout(issuerId, locked).EnsureNotLockedAsync(locked));

        fixture.Clock.Advance(LockDuration);
        Assert.Equal(0, await Lockout(issuerId, locked).EnsureNotLockedAsync(locked));
        Assert.Equal(MaxWrongCodes - 1, await Lockout(issuerId, locked).RecordWrongCodeAsync(locked));
    }

    private IMemberLockoutGrain Lockout(string issuerId, string memberId) => fixture.MemberLockout(issuerId, memberId);

    /// <summary>A member id whose shard is (or is not) <paramref name="memberId"/>'s.</summary>
    private string OtherMember(string issuerId, string memberId, bool same) =>
        Enumerable.Range(1, 10_000).Select(i => $"member-{i}")
            .First(other => Lockout(issuerId, other).GetPrimaryKeyString() == Lockout(issuerId, memberId).GetPrimaryKeyString() == same);
}
