namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// Requests (steps) sent through each frontend of a <see cref="GatewayTarget"/>, counted per iteration by the frontend of
/// its terminal; shown in the report as <c>requests via frontend N (URL)</c>.
/// </summary>
public sealed class FrontendRequests(GatewayTarget target)
{
    private readonly long[] _requests = new long[target.Frontends.Count];

    public void Add(VirtualTerminal terminal, int requests) => Interlocked.Add(ref _requests[terminal.Frontend], requests);

    public long this[int frontend] => Interlocked.Read(ref _requests[frontend]);

    /// <summary>One entry per frontend, for <see cref="Scenario.ExtraMetrics"/>.</summary>
    public Dictionary<string, double> Metrics() =>
        Enumerable.Range(0, _requests.Length).ToDictionary(i => "requests via " + target.FrontendName(i), i => (double)this[i]);
}
