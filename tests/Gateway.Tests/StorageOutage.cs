using System.Collections.Concurrent;
using System.Net;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Sits between the durable grain storage's Table client and Azurite: refuses write attempts before they reach storage,
/// as a stopped Azurite refuses connections, and counts them per request (the SDK keeps a request's
/// <c>x-ms-client-request-id</c> across its retries). Reads always pass.
/// </summary>
public sealed class StorageOutage() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentDictionary<string, int> _refused = new();
    private int _toRefuse;

    /// <summary>Refused attempts of each request that met the outage, by client request id.</summary>
    public IReadOnlyDictionary<string, int> RefusedAttempts => _refused;

    /// <summary>Refuses every write attempt until <see cref="Restore"/>.</summary>
    public void Cut() => Volatile.Write(ref _toRefuse, int.MaxValue);

    /// <summary>Refuses the next <paramref name="attempts"/> write attempts, then storage is back.</summary>
    public void CutFor(int attempts) => Volatile.Write(ref _toRefuse, attempts);

    public void Restore() => Volatile.Write(ref _toRefuse, 0);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get || !TryRefuse())
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var id = request.Headers.TryGetValues("x-ms-client-request-id", out var ids) ? ids.First() : "(none)";
        _refused.AddOrUpdate(id, 1, (_, n) => n + 1);
        throw new HttpRequestException(HttpRequestError.ConnectionError, "Injected outage: connection refused.", statusCode: (HttpStatusCode?)null);
    }

    private bool TryRefuse()
    {
        while (true)
        {
            var left = Volatile.Read(ref _toRefuse);
            if (left == 0)
            {
                return false;
            }

            if (left == int.MaxValue || Interlocked.CompareExchange(ref _toRefuse, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}
