namespace WalletGateway.LoadTests;

/// <summary>
/// The measures of one window of a sustained campaign: cards, failures, latency per step and per card, then costs per card
/// from two <see cref="CostSample"/>s: CPU by process, Table requests by table and operation, HTTP requests to storage by
/// method (every client), log lines, exceptions, bytes allocated; live timers at the window's end.
/// </summary>
public static class CostMeasures
{
    public const string StorageRequests = "walletgateway_storage_requests_total";
    public const string HttpClientRequests = "http_client_request_duration_seconds_count";
    public const string LogLines = "walletgateway_log_lines_total";
    public const string Exceptions = "dotnet_exceptions_total";
    public const string Allocated = "dotnet_gc_heap_total_allocated_bytes_total";
    public const string Timers = "dotnet_timer_count";

    /// <summary>Ordered measure → value (NaN: not measured); <paramref name="storagePort"/> picks the HttpClient requests to storage.</summary>
    public static Dictionary<string, double> Of(ScenarioWindow window, CostSample before, CostSample after, int storagePort)
    {
        var m = new Dictionary<string, double>(StringComparer.Ordinal);
        var seconds = Math.Max(1e-3, window.ToSeconds - window.FromSeconds);
        var cards = (double)window.Iteration.Ok;
        double PerCard(double v) => cards > 0 ? v / cards : double.NaN;
        m["seconds"] = seconds;
        m["cards completed"] = cards;
        m["cards/s"] = cards / seconds;
        m["failed sessions"] = window.Iteration.Fail;
        foreach (var (status, n) in window.Iteration.Statuses.Where(s => s.Key != "ok"))
        {
            m[$"failed: {status}"] = n;
        }

        m["card p50 ms"] = window.Iteration.Latency.P50Ms;
        m["card p99 ms"] = window.Iteration.Latency.P99Ms;
        foreach (var step in window.Steps)
        {
            m[$"{step.Name} p50 ms"] = step.Latency.P50Ms;
            m[$"{step.Name} p99 ms"] = step.Latency.P99Ms;
            if (step.Fail > 0)
            {
                m[$"{step.Name} failed"] = step.Fail;
            }
        }

        double cpuAll = 0;
        foreach (var (name, end) in after.Cpu)
        {
            var used = end is { } e && before.Cpu.GetValueOrDefault(name) is { } b ? (e - b).TotalMilliseconds : double.NaN;
            m[$"CPU ms/card: {name}"] = PerCard(used);
            cpuAll += double.IsNaN(used) ? 0 : used;
        }

        m["CPU ms/card: all measured"] = PerCard(cpuAll);
        m["CPU cores busy: all measured"] = cpuAll / 1000 / seconds;
        Grouped(m, "Table requests/card", Delta(before, after, StorageRequests, null, "table", "op"), PerCard);
        Grouped(m, "storage HTTP requests/card (all clients)", Delta(before, after, HttpClientRequests,
            l => l.GetValueOrDefault("server_port") == storagePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "http_request_method"), PerCard);
        Grouped(m, "log lines/card", Delta(before, after, LogLines, null, "level", "category"), PerCard);
        Grouped(m, "exceptions/card", Delta(before, after, Exceptions, null, "error_type"), PerCard);
        m["KB allocated/card"] = PerCard(Delta(before, after, Allocated, null).Values.Sum() / 1024);
        m["live timers at window end"] = after.Scrapes.Count == 0 ? double.NaN : after.Scrapes.Sum(s => s.SumBy(Timers, null).Values.Sum());
        return m;
    }

    private static void Grouped(Dictionary<string, double> m, string title, Dictionary<string, double> delta, Func<double, double> perCard)
    {
        m[title + ": total"] = perCard(delta.Values.Sum());
        foreach (var (key, value) in delta.Where(d => d.Value != 0).OrderByDescending(d => d.Value))
        {
            m[$"{title}: {key}"] = perCard(value);
        }
    }

    private static Dictionary<string, double> Delta(CostSample before, CostSample after, string name, Func<IReadOnlyDictionary<string, string>, bool>? where, params string[] by)
    {
        var end = Sum(after, name, where, by);
        var start = Sum(before, name, where, by);
        return end.ToDictionary(e => e.Key, e => e.Value - start.GetValueOrDefault(e.Key));
    }

    private static Dictionary<string, double> Sum(CostSample sample, string name, Func<IReadOnlyDictionary<string, string>, bool>? where, string[] by)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in sample.Scrapes.SelectMany(s => s.SumBy(name, where, by)))
        {
            sums[key] = sums.GetValueOrDefault(key) + value;
        }

        return sums;
    }
}
