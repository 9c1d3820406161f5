using System.Net;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Sits between the durable grain storage's Table client and Azurite: fails the next write requests, either before
/// they reach storage or after storage committed them (the response lost, as a dropped connection would).
/// Reads always pass.
/// </summary>
public sealed class StateWriteFaults() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock _lock = new();
    private int _toFail;
    private bool _afterCommit;

    /// <summary>Write requests failed so far.</summary>
    public int Failed { get; private set; }

    /// <summary>Fails the next <paramref name="count"/> write requests; <paramref name="afterCommit"/>: storage commits them first.</summary>
    public void FailWrites(int count, bool afterCommit)
    {
        lock (_lock)
        {
            (_toFail, _afterCommit) = (count, afterCommit);
        }
    }

    public void Heal() => FailWrites(0, afterCommit: false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        bool fail, afterCommit;
        lock (_lock)
        {
            fail = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && _toFail > 0;
            afterCommit = _afterCommit;
            if (fail)
            {
                _toFail--;
                Failed++;
            }
        }

        if (!fail)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (afterCommit)
        {
            (await base.SendAsync(request, cancellationToken)).Dispose();
        }

        throw new HttpRequestException(HttpRequestError.ResponseEnded, "Injected fault: no answer from storage.", statusCode: (HttpStatusCode?)null);
    }
}
