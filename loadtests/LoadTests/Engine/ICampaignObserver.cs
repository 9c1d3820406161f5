namespace WalletGateway.LoadTests;

/// <summary>Sees the campaign as it runs: the live console view, or nothing in tests.</summary>
public interface ICampaignObserver
{
    void OnPhase(string message);

    void OnTick(CampaignSnapshot snapshot);

    /// <summary>
    /// The load starts (<paramref name="index"/> 0, at 0 s) or a window of <see cref="CampaignSettings.WindowEnds"/> closed
    /// (index 1, 2, …; the last at the end of the drain), right after the runners closed theirs.
    /// </summary>
    void OnWindow(int index, double atSeconds)
    {
    }
}

/// <summary>Where a running campaign is: elapsed time and per-scenario numbers so far.</summary>
public sealed record CampaignSnapshot(double ElapsedSeconds, double PlannedSeconds, IReadOnlyList<LiveScenario> Scenarios, IReadOnlyList<ThresholdResult> Breaches);

/// <summary>A scenario's live numbers (last interval and cumulative).</summary>
public sealed record LiveScenario(string Name, long Started, long Ok, long Fail, long Dropped, long Late, int InFlight, double OkPerSecondLast, double? P99MsLast, double P99MsTotal, IReadOnlyDictionary<string, long> Statuses);
