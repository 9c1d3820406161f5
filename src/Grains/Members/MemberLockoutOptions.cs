using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Grains.Members;

/// <summary>Wrong access code lockout (configuration section <c>WalletGateway:MemberLockout</c>).</summary>
public sealed class MemberLockoutOptions
{
    public const string Section = "WalletGateway:MemberLockout";

    /// <summary>Wrong codes in a row that lock the member.</summary>
    [Range(1, 100)]
    public int MaxWrongCodes { get; set; } = 5;

    /// <summary>
    /// How long a locked member is refused before the issuer is asked again; also how long wrong codes in a row are
    /// remembered after the last one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Lockout grains per issuer (<see cref="MemberLockoutShard"/>): every silo must use the same value, since a member's
    /// shard depends on it. Changing it forgets the wrong codes counted so far.
    /// </summary>
    [Range(1, 4096)]
    public int Shards { get; set; } = 64;
}
