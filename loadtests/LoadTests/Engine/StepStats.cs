using System.Collections.Concurrent;
using HdrHistogram;

namespace WalletGateway.LoadTests;

/// <summary>
/// Live counters and latency of one step (or of a whole scenario iteration). Thread-safe: iterations
/// record concurrently into an HdrHistogram <see cref="Recorder"/>; the campaign's ticker drains it once
/// a second into the cumulative histogram and one point of the time series.
/// </summary>
public sealed class StepStats
{
    /// <summary>Latencies are recorded in microseconds, up to one hour.</summary>
    public const long HighestMicros = 3_600_000_000;

    private readonly Recorder _okRecorder = NewRecorder();
    private readonly Recorder _failRecorder = NewRecorder();
    private readonly LongHistogram _ok = new(HighestMicros, 3);
    private readonly LongHistogram _fail = new(HighestMicros, 3);
    private readonly LongHistogram _windowOk = new(HighestMicros, 3);
    private Dictionary<string, long> _statusesAtWindowStart = new(StringComparer.Ordinal);
    private long _windowOkCount;
    private long _windowFailCount;
    private readonly ConcurrentDictionary<string, long> _statuses = new(StringComparer.Ordinal);
    private readonly List<TimePoint> _series = [];
    private readonly Lock _drain = new();
    private HistogramBase? _recycleOk;
    private HistogramBase? _recycleFail;
    private long _okCount;
    private long _failCount;
    private long _intervalOk;
    private long _intervalFail;

    public StepStats(string name) => Name = name;

    public string Name { get; }

    public long OkCount => Interlocked.Read(ref _okCount);

    public long FailCount => Interlocked.Read(ref _failCount);

    public IReadOnlyDictionary<string, long> StatusCodes => _statuses;

    public void Record(bool ok, string status, long micros)
    {
        micros = Math.Clamp(micros, 1, HighestMicros);
        if (ok)
        {
            _okRecorder.RecordValue(micros);
            Interlocked.Increment(ref _okCount);
            Interlocked.Increment(ref _intervalOk);
        }
        else
        {
            _failRecorder.RecordValue(micros);
            Interlocked.Increment(ref _failCount);
            Interlocked.Increment(ref _intervalFail);
        }

        _statuses.AddOrUpdate(status, 1, static (_, n) => n + 1);
    }

    /// <summary>Moves what was recorded since the last call into the totals and appends one time-series point.</summary>
    public void Drain(double atSeconds, double intervalSeconds)
    {
        lock (_drain)
        {
            var ok = _okRecorder.GetIntervalHistogram(_recycleOk);
            var fail = _failRecorder.GetIntervalHistogram(_recycleFail);
            _ok.Add(ok);
            _fail.Add(fail);
            _windowOk.Add(ok);
            var okCount = Interlocked.Exchange(ref _intervalOk, 0);
            var failCount = Interlocked.Exchange(ref _intervalFail, 0);
            _windowOkCount += okCount;
            _windowFailCount += failCount;
            _series.Add(new TimePoint(
                Math.Round(atSeconds, 3),
                okCount / intervalSeconds,
                failCount / intervalSeconds,
                ok.TotalCount == 0 ? null : Millis(ok.GetValueAtPercentile(50)),
                ok.TotalCount == 0 ? null : Millis(ok.GetValueAtPercentile(99)),
                ok.TotalCount == 0 ? null : Millis(ok.GetMaxValue())));
            _recycleOk = ok;
            _recycleFail = fail;
        }
    }

    /// <summary>The numbers so far (call <see cref="Drain"/> first to include the last interval).</summary>
    public StepSummary Summarize(double elapsedSeconds)
    {
        lock (_drain)
        {
            var ok = OkCount;
            var fail = FailCount;
            return new StepSummary(
                Name,
                ok,
                fail,
                elapsedSeconds > 0 ? (ok + fail) / elapsedSeconds : 0,
                elapsedSeconds > 0 ? ok / elapsedSeconds : 0,
                ok + fail == 0 ? 0 : (double)fail / (ok + fail),
                Latency.From(_ok),
                Latency.From(_fail),
                new SortedDictionary<string, long>(_statuses, StringComparer.Ordinal),
                [.. _series]);
        }
    }

    /// <summary>What was drained since the last call (or the start): counts, latency of ok answers, statuses; then starts a new window.</summary>
    public WindowStats TakeWindow()
    {
        lock (_drain)
        {
            var statuses = new Dictionary<string, long>(_statuses, StringComparer.Ordinal);
            var delta = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var (status, n) in statuses)
            {
                if (n - _statusesAtWindowStart.GetValueOrDefault(status) is > 0 and var d)
                {
                    delta[status] = d;
                }
            }

            var window = new WindowStats(Name, _windowOkCount, _windowFailCount, Latency.From(_windowOk), delta);
            (_windowOkCount, _windowFailCount, _statusesAtWindowStart) = (0, 0, statuses);
            _windowOk.Reset();
            return window;
        }
    }

    public static double Millis(long micros) => Math.Round(micros / 1000.0, 3);

    // Many iterations record at once: the recorder's histograms must take concurrent writers.
    private static Recorder NewRecorder() =>
        new(1, HighestMicros, 3, static (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));
}

/// <summary>One second of one step: rates and the latency of its ok answers (ms).</summary>
public sealed record TimePoint(double AtSeconds, double OkPerSecond, double FailPerSecond, double? P50Ms, double? P99Ms, double? MaxMs);

/// <summary>One step's numbers in one window of a campaign (<see cref="CampaignSettings.WindowEnds"/>).</summary>
public sealed record WindowStats(string Name, long Ok, long Fail, Latency Latency, IReadOnlyDictionary<string, long> Statuses);

/// <summary>Latency percentiles in milliseconds; zeros when nothing was recorded.</summary>
public sealed record Latency(long Count, double MeanMs, double P50Ms, double P75Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static Latency From(HistogramBase h) => h.TotalCount == 0
        ? new Latency(0, 0, 0, 0, 0, 0, 0, 0)
        : new Latency(
            h.TotalCount,
            Math.Round(h.GetMean() / 1000.0, 3),
            StepStats.Millis(h.GetValueAtPercentile(50)),
            StepStats.Millis(h.GetValueAtPercentile(75)),
            StepStats.Millis(h.GetValueAtPercentile(95)),
            StepStats.Millis(h.GetValueAtPercentile(99)),
            StepStats.Millis(h.GetValueAtPercentile(99.9)),
            StepStats.Millis(h.GetMaxValue()));
}

/// <summary>A step's (or a scenario's) numbers: counts, rates, latency of ok and of failed answers, status codes, time series.</summary>
public sealed record StepSummary(
    string Name,
    long Ok,
    long Fail,
    double RatePerSecond,
    double OkPerSecond,
    double FailRate,
    Latency Latency,
    Latency FailLatency,
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyList<TimePoint> Series);
