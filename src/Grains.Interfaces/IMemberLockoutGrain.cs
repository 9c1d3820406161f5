namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// Wrong-access-code counters of the members of one issuer whose ids fall in one shard. Key: <c>{issuerId}/{shard}</c>
/// (<c>MemberLockoutShard</c>). Locks a member after too many wrong codes in a row, before the issuer is asked again.
/// One warm grain serves many members, so a member who authenticates first time costs no activation of its own.
/// </summary>
[Alias("WalletGateway.IMemberLockoutGrain")]
public interface IMemberLockoutGrain : IGrainWithStringKey
{
    /// <summary>
    /// Throws <see cref="GatewayException"/> (<see cref="GatewayError.MemberLocked"/>) while the member is locked; otherwise
    /// returns the member's wrong codes in a row so far (0 for a member the shard holds nothing about).
    /// </summary>
    [Alias("EnsureNotLockedAsync")]
    Task<int> EnsureNotLockedAsync(string memberId);

    /// <summary>Counts a wrong code; returns the attempts left (0 means the member is now locked).</summary>
    [Alias("RecordWrongCodeAsync")]
    Task<int> RecordWrongCodeAsync(string memberId);

    /// <summary>Forgets the member's wrong codes.</summary>
    [Alias("RecordSuccessAsync")]
    Task RecordSuccessAsync(string memberId);
}
