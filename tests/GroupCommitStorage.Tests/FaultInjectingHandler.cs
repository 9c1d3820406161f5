using System.Net;

namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>
/// Sits between the Table client and Azurite: can hold write requests at a gate (so writes pile up
/// behind one in flight) or let a write reach storage and then lose its response, as a crash or a
/// dropped connection between commit and acknowledgement would.
/// </summary>
public sealed class FaultInjectingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _gate;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _responsesToLose;

    /// <summary>Holds every write request until the returned release is disposed.</summary>
    public IDisposable HoldWrites()
    {
        lock (_lock)
        {
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var gate = _gate;
            return new Release(() =>
            {
                lock (_lock)
                {
                    _gate = null;
                }

                gate.TrySetResult();
            });
        }
    }

    /// <summary>Completes when a write request is waiting at the gate.</summary>
    public Task WriteHeld
    {
        get
        {
            lock (_lock)
            {
                return _held.Task;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> write requests reach storage, then their responses are lost.</summary>
    public void LoseResponsesAfterCommit(int count) => Interlocked.Exchange(ref _responsesToLose, count);

    /// <summary>Write requests whose responses were lost so far.</summary>
    public int LostResponses { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Task? gate;
        lock (_lock)
        {
            gate = _gate?.Task;
            if (gate is not null)
            {
                _held.TrySetResult();
            }
        }

        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (Interlocked.Decrement(ref _responsesToLose) >= 0)
        {
            lock (_lock)
            {
                LostResponses++;
            }

            response.Dispose();
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "Injected fault: the storage committed but the response was lost.",
                statusCode: (HttpStatusCode?)null);
        }

        Interlocked.Exchange(ref _responsesToLose, 0);
        return response;
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
