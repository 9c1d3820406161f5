namespace WalletGateway.LoadTests;

/// <summary>
/// Passes the live view through to <paramref name="inner"/> and, at the start of the load and at each window boundary
/// (<see cref="ICampaignObserver.OnWindow"/>), reads the CPU time of the named processes and scrapes the Prometheus
/// endpoints, so that a window's costs are the differences between two samples.
/// </summary>
public sealed class CostSampler(ICampaignObserver inner, IReadOnlyDictionary<string, int> processes, IReadOnlyList<Uri> metrics, HttpClient http) : ICampaignObserver
{
    private readonly List<Task<CostSample>> _samples = [];
    private readonly Lock _lock = new();

    public void OnPhase(string message) => inner.OnPhase(message);

    public void OnTick(CampaignSnapshot snapshot) => inner.OnTick(snapshot);

    public void OnWindow(int index, double atSeconds)
    {
        // CPU now, on the ticker's thread; the scrapes follow within milliseconds.
        var cpu = processes.ToDictionary(p => p.Key, p => ProcessCpu.CpuTime(p.Value));
        lock (_lock)
        {
            _samples.Add(SampleAsync(index, atSeconds, cpu));
        }
    }

    /// <summary>Every sample taken, in order (index 0 at the start of the load).</summary>
    public async Task<IReadOnlyList<CostSample>> SamplesAsync()
    {
        Task<CostSample>[] samples;
        lock (_lock)
        {
            samples = [.. _samples];
        }

        return await Task.WhenAll(samples);
    }

    private async Task<CostSample> SampleAsync(int index, double atSeconds, Dictionary<string, TimeSpan?> cpu)
    {
        var scrapes = new List<PrometheusText>();
        var errors = new List<string>();
        foreach (var url in metrics)
        {
            try
            {
                scrapes.Add(await PrometheusText.ScrapeAsync(http, url, CancellationToken.None));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                errors.Add($"{url}: {ex.Message}");
            }
        }

        return new CostSample(index, atSeconds, cpu, scrapes, errors);
    }
}

/// <summary>CPU time used so far by each named process (null: gone or unreadable) and the scrapes, at one moment of a campaign.</summary>
public sealed record CostSample(int Index, double AtSeconds, IReadOnlyDictionary<string, TimeSpan?> Cpu, IReadOnlyList<PrometheusText> Scrapes, IReadOnlyList<string> Errors);
