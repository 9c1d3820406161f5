using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WalletGateway.Grains;
using WalletGateway.Grains.Members;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The member lockout without a silo: a shard's table (wrong codes in a row, locks, expiry), the shard of a member id and
/// the shard count's validation.
/// </summary>
public sealed class MemberLockoutTests
{
    private static readonly MemberLockoutOptions Options = new();
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly MemberLockoutTable _table = new(Options);

    [Fact]
    public void WrongCodes_LockAtMaxWrongCodes_ForLockDuration()
    {
        for (var attempt = 1; attempt <= Options.MaxWrongCodes; attempt++)
        {
            Assert.Equal((attempt - 1, TimeSpan.Zero), _table.Check("m1", Start));
            Assert.Equal(Options.MaxWrongCodes - attempt, _table.RecordWrongCode("m1", Start));
        }

        Assert.Equal((Options.MaxWrongCodes, Options.LockDuration), _table.Check("m1", Start));
        Assert.Equal((Options.MaxWrongCodes, TimeSpan.FromMinutes(5)), _table.Check("m1", Start + Options.LockDuration - TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void TwoMembersOfOneShard_CountedAndLockedSeparately()
    {
        Lock("m1", Start);
        _table.RecordWrongCode("m2", Start);

        Assert.Equal((1, TimeSpan.Zero), _table.Check("m2", Start));
        Assert.Equal((0, TimeSpan.Zero), _table.Check("m3", Start));
        Assert.Equal(Options.MaxWrongCodes - 2, _table.RecordWrongCode("m2", Start));
        _table.Clear("m2", Start);
        Assert.Equal((0, TimeSpan.Zero), _table.Check("m2", Start));
        Assert.True(_table.Check("m1", Start).LockedFor > TimeSpan.Zero);
    }

    [Fact]
    public void Lock_EndsAfterLockDuration_AndTheEntryIsPruned()
    {
        Lock("m1", Start);
        var end = Start + Options.LockDuration;

        Assert.True(_table.Check("m1", end - TimeSpan.FromSeconds(1)).LockedFor > TimeSpan.Zero);
        Assert.Equal((0, TimeSpan.Zero), _table.Check("m1", end));
        Assert.Equal(0, _table.Count);
        // A fresh start: the next wrong code is the first in a row.
        Assert.Equal(Options.MaxWrongCodes - 1, _table.RecordWrongCode("m1", end));
    }

    [Fact]
    public void WrongCodes_ForgottenLockDurationAfterTheLast()
    {
        _table.RecordWrongCode("m1", Start);
        _table.RecordWrongCode("m1", Start + TimeSpan.FromMinutes(10));

        Assert.Equal((2, TimeSpan.Zero), _table.Check("m1", Start + TimeSpan.FromMinutes(24)));
        Assert.Equal((0, TimeSpan.Zero), _table.Check("m1", Start + TimeSpan.FromMinutes(25)));
        Assert.Equal(0, _table.Count);
    }

    [Fact]
    public void ExpiredEntriesOfOtherMembers_PrunedWhenTheTableIsTouched()
    {
        for (var i = 0; i < 100; i++)
        {
            _table.RecordWrongCode($"m{i}", Start);
        }

        Lock("locked", Start + TimeSpan.FromMinutes(1));
        _table.Check("someone-else", Start + Options.LockDuration);

        // Only the lock, which ends a minute later, is left.
        Assert.Equal(1, _table.Count);
    }

    [Fact]
    public void ShardOfAMemberId_IsStableAcrossProcesses()
    {
        // xxHash32 (seed 0) of the UTF-8 bytes, as computed by an independent implementation: 0x09425897 for "member-1".
        Assert.Equal(0x09425897 % 64, MemberLockoutShard.Of("member-1", 64));
        Assert.Equal((int)(0xE0632237u % 4096), MemberLockoutShard.Of("M000123", 4096));
        Assert.Equal(0x7B963F49 % 64, MemberLockoutShard.Of("abcdefghijklmnopqrstuvwxyz-0123456789", 64));
        Assert.Equal(MemberLockoutShard.Of(new string('x', 1000), 64), MemberLockoutShard.Of(new string('x', 1000), 64));
        Assert.Equal(0, MemberLockoutShard.Of("member-1", 1));
        Assert.Equal($"demo-card/{0x09425897 % 64}", MemberLockoutShard.Key("demo-card", "member-1", 64));
    }

    [Fact]
    public void ShardsOfManyMemberIds_SpreadOverEveryShard()
    {
        const int shards = 64;
        const int perShard = 100;
        var counts = new int[shards];
        for (var i = 0; i < shards * perShard; i++)
        {
            counts[MemberLockoutShard.Of($"M{i:D6}", shards)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, perShard / 2, perShard * 2));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("4097")]
    public void Shards_OutOfRange_Refused(string shards)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(shards));

        Assert.Contains(nameof(MemberLockoutOptions.Shards), error.Message);
    }

    [Theory]
    [InlineData(null, 64)]
    [InlineData("1", 1)]
    [InlineData("4096", 4096)]
    public void Shards_InRange_Bound(string? shards, int expected) => Assert.Equal(expected, Bind(shards).Shards);

    private void Lock(string memberId, DateTimeOffset now)
    {
        for (var i = 0; i < Options.MaxWrongCodes; i++)
        {
            _table.RecordWrongCode(memberId, now);
        }
    }

    /// <summary>The options as the silo binds and validates them (<see cref="GrainsServiceCollectionExtensions"/>).</summary>
    private static MemberLockoutOptions Bind(string? shards)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(shards is null ? [] : new Dictionary<string, string?> { [$"{MemberLockoutOptions.Section}:Shards"] = shards })
            .Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddWalletGatewayGrainServices()
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<MemberLockoutOptions>>().Value;
    }
}
