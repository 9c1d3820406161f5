namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// Wrong-access-code counter of one issuer member. Key: <c>{issuerId}/{memberId}</c>.
/// Locks the member after too many wrong codes in a row, before the issuer is asked again.
/// </summary>
[Alias("WalletGateway.IMemberGrain")]
public interface IMemberGrain : IGrainWithStringKey
{
    /// <summary>Throws <see cref="GatewayException"/> (<see cref="GatewayError.MemberLocked"/>) while locked.</summary>
    [Alias("EnsureNotLockedAsync")]
    Task EnsureNotLockedAsync();

    /// <summary>Counts a wrong code; returns the attempts left (0 means the member is now locked).</summary>
    [Alias("RecordWrongCodeAsync")]
    Task<int> RecordWrongCodeAsync();

    [Alias("RecordSuccessAsync")]
    Task RecordSuccessAsync();
}
