namespace WalletGateway.IssuerSimulator;

/// <summary>
/// What one issuer saw on its issuer endpoints. Counters are lock-free; only the
/// per-second window takes a (short, uncontended at these rates) lock.
/// </summary>
internal sealed class IssuerStats
{
    private readonly Lock _windowLock = new();
    private long _requests;
    private long _authenticateRequests;
    private long _completeRequests;
    private long _abortRequests;
    private long _badCredentials;
    private long _failedAuthentications;
    private long _inFlight;
    private long _peakConcurrent;
    private long _windowSecond = long.MinValue;
    private long _windowCount;
    private long _peakPerSecond;

    /// <summary>Counts an arriving request; pair with <see cref="Completed"/>.</summary>
    public void Arrived(IssuerOperation operation, long unixSecond)
    {
        Interlocked.Increment(ref _requests);
        switch (operation)
        {
            case IssuerOperation.Authenticate:
                Interlocked.Increment(ref _authenticateRequests);
                break;
            case IssuerOperation.Complete:
                Interlocked.Increment(ref _completeRequests);
                break;
            case IssuerOperation.Abort:
                Interlocked.Increment(ref _abortRequests);
                break;
        }

        RaiseTo(ref _peakConcurrent, Interlocked.Increment(ref _inFlight));
        lock (_windowLock)
        {
            if (unixSecond != _windowSecond)
            {
                _windowSecond = unixSecond;
                _windowCount = 0;
            }

            _windowCount++;
            if (_windowCount > _peakPerSecond)
            {
                _peakPerSecond = _windowCount;
            }
        }
    }

    public void Completed() => Interlocked.Decrement(ref _inFlight);

    public void BadCredentials() => Interlocked.Increment(ref _badCredentials);

    public void FailedAuthentication() => Interlocked.Increment(ref _failedAuthentications);

    public IssuerStatsSnapshot Snapshot()
    {
        long peakPerSecond;
        lock (_windowLock)
        {
            peakPerSecond = _peakPerSecond;
        }

        return new IssuerStatsSnapshot(
            Interlocked.Read(ref _requests),
            Interlocked.Read(ref _authenticateRequests),
            Interlocked.Read(ref _completeRequests),
            Interlocked.Read(ref _abortRequests),
            Interlocked.Read(ref _badCredentials),
            Interlocked.Read(ref _failedAuthentications),
            Interlocked.Read(ref _peakConcurrent),
            peakPerSecond);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _authenticateRequests, 0);
        Interlocked.Exchange(ref _completeRequests, 0);
        Interlocked.Exchange(ref _abortRequests, 0);
        Interlocked.Exchange(ref _badCredentials, 0);
        Interlocked.Exchange(ref _failedAuthentications, 0);
        // Requests in flight stay in flight: the peak restarts from them, not from zero.
        Interlocked.Exchange(ref _peakConcurrent, Interlocked.Read(ref _inFlight));
        lock (_windowLock)
        {
            _windowSecond = long.MinValue;
            _windowCount = 0;
            _peakPerSecond = 0;
        }
    }

    private static void RaiseTo(ref long peak, long value)
    {
        var current = Interlocked.Read(ref peak);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref peak, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
