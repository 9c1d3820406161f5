using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Grains.Members;

/// <summary>Wrong access code lockout (configuration section <c>WalletGateway:MemberLockout</c>).</summary>
public sealed class MemberLockoutOptions
{
    public const string Section = "WalletGateway:MemberLockout";

    /// <summary>Wrong codes in a row that lock the member.</summary>
    [Range(1, 100)]
    public int MaxWrongCodes { get; set; } = 5;

    /// <summary>How long a locked member is refused before the issuer is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(15);
}
