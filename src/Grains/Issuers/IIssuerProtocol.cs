namespace WalletGateway.Grains.Issuers;

/// <summary>
/// One issuer interface: how to ask and how to read the answer. The <see cref="IssuerClient"/> does the rest
/// (budget, credentials lookup, circuit breaker, checks of the answer), so a new protocol is two methods each way.
/// Implementations never log or echo credentials, access codes, card numbers or keys.
/// </summary>
public interface IIssuerProtocol
{
    /// <summary>The <see cref="IssuerOptions.Protocol"/> value that selects this protocol.</summary>
    string Name { get; }

    HttpRequestMessage CreateAuthenticate(IssuerOptions issuer, string memberId, string accessCode);

    /// <summary>Reads the answer; throws <see cref="IssuerCallException"/> for a refused code or an unusable answer.</summary>
    Task<IssuerAnswer> ReadAuthenticateAsync(HttpResponseMessage response, CancellationToken cancellationToken);

    HttpRequestMessage CreateNotice(IssuerOptions issuer, IssuerNotice notice);

    /// <summary>
    /// Whether this protocol has a message for the notice kind; a kind it has none for is acknowledged without sending
    /// (an issuer on an older interface keeps working unchanged).
    /// </summary>
    bool Sends(string noticeKind) => true;

    /// <summary>Returns when the issuer acknowledged the notice (a duplicate counts); throws <see cref="IssuerCallException"/> otherwise.</summary>
    Task ReadNoticeAsync(HttpResponseMessage response, CancellationToken cancellationToken);
}
