namespace WalletGateway.LoadTests;

/// <summary>How a campaign runs, independent of what its scenarios do.</summary>
public sealed record CampaignSettings
{
    /// <summary>Name of the run: the report folder under <see cref="ReportRoot"/>.</summary>
    public string RunName { get; init; } = "run-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Where report folders go.</summary>
    public string ReportRoot { get; init; } = Path.Combine("loadtests", "reports");

    /// <summary>Open model: iterations running at once beyond which a due start is dropped (counted).</summary>
    public int MaxInFlight { get; init; } = 2000;

    /// <summary>An iteration that begins later than this after its intended start is counted late.</summary>
    public TimeSpan LateAfter { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>After the plan ends, how long running iterations may take before they are cancelled.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval of the time series, the live view and the running threshold checks.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Thresholds are checked while running only after this much time (too few samples before).</summary>
    public TimeSpan ThresholdWarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Ends of the reporting windows after the load started, ascending; a last window runs to the end. Empty: no windows.
    /// A window closes at the first tick at or after its end.
    /// </summary>
    public IReadOnlyList<TimeSpan> WindowEnds { get; init; } = [];

    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];

    /// <summary>Stop the campaign at the first threshold breach seen while running.</summary>
    public bool AbortOnBreach { get; init; }

    /// <summary>Write reports (HTML, Markdown, CSV, JSON) into the run folder.</summary>
    public bool WriteReports { get; init; } = true;
}
