namespace WalletGateway.Grains;

/// <summary>
/// One issuer card. Key: <c>{issuerId}/{cardRef}</c> (see <see cref="CardKey"/>). Durable in Azure Table.
/// The lease is written durably before any byte of the card goes to a chip, so a card is never
/// written to two chips, even across a silo crash.
/// </summary>
[Alias("WalletGateway.ICardGrain")]
public interface ICardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Leases the card to a session writing it to <paramref name="chipId"/> until <paramref name="until"/>.
    /// Throws <see cref="GatewayException"/> (<see cref="GatewayError.CardActive"/> or
    /// <see cref="GatewayError.CardBusy"/>) when the card is active or leased to another live session.
    /// </summary>
    [Alias("AcquireLeaseAsync")]
    Task<CardLease> AcquireLeaseAsync(Guid sessionId, string chipId, DateTimeOffset until);

    /// <summary>Marks the card active on the chip of the session's lease, after the chip's receipt verified.</summary>
    [Alias("ActivateAsync")]
    Task ActivateAsync(Guid sessionId, string receiptHex);

    /// <summary>Gives the lease back when the session failed or was aborted; no-op when it does not hold it.</summary>
    [Alias("ReleaseLeaseAsync")]
    Task ReleaseLeaseAsync(Guid sessionId);

    /// <summary>
    /// The session ended unfinished after the last block went to the terminal: the chip may hold the card. The card
    /// stays bound to that chip (<see cref="CardStatus.Unconfirmed"/>): only the same chip may write it again.
    /// </summary>
    [Alias("MarkUnconfirmedAsync")]
    Task MarkUnconfirmedAsync(Guid sessionId);

    /// <summary>What the card record holds now.</summary>
    [Alias("GetAsync")]
    Task<CardView> GetAsync();
}
