using System.IO.Hashing;
using System.Text;

namespace WalletGateway.Grains.Members;

/// <summary>
/// Which lockout grain counts a member: <c>{issuerId}/{shard}</c>, the shard an xxHash32 of the member id's UTF-8 modulo
/// <see cref="MemberLockoutOptions.Shards"/>. Stable across processes and restarts (unlike <see cref="string.GetHashCode()"/>,
/// randomized per process), so every silo and frontend sends a member to the same shard.
/// </summary>
public static class MemberLockoutShard
{
    private const int StackLimit = 256;

    /// <summary>The shard of <paramref name="memberId"/>, in [0, <paramref name="shards"/>).</summary>
    public static int Of(string memberId, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var max = Encoding.UTF8.GetMaxByteCount(memberId.Length);
        var bytes = max <= StackLimit ? stackalloc byte[StackLimit] : new byte[max];
        var length = Encoding.UTF8.GetBytes(memberId, bytes);
        return (int)(XxHash32.HashToUInt32(bytes[..length]) % (uint)shards);
    }

    /// <summary>The key of the <c>IMemberLockoutGrain</c> that counts <paramref name="memberId"/> of <paramref name="issuerId"/>.</summary>
    public static string Key(string issuerId, string memberId, int shards) => $"{issuerId}/{Of(memberId, shards)}";
}
