using System.Diagnostics.Metrics;

namespace WalletGateway.Grains.Sessions;

/// <summary>Terminal sessions: opened, completed, failed by reason, step latency, migrations between silos.</summary>
public sealed class SessionMetrics
{
    public const string MeterName = "WalletGateway.Sessions";

    private readonly Counter<long> _opened;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _removed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _migrated;
    private readonly Histogram<double> _stepDuration;

    public SessionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _opened = meter.CreateCounter<long>("walletgateway.sessions.opened", "{session}", "Sessions opened.");
        _completed = meter.CreateCounter<long>("walletgateway.sessions.completed", "{session}", "Sessions that activated a card.");
        _removed = meter.CreateCounter<long>("walletgateway.sessions.removed", "{session}",
            "Removal sessions whose chip answer (DF71) verified, by kind (removal, wipe).");
        _failed = meter.CreateCounter<long>("walletgateway.sessions.failed", "{session}",
            "Sessions that ended without a card, by reason (chip-verification-failed, aborted-by-terminal, session-expired, superseded…).");
        _migrated = meter.CreateCounter<long>("walletgateway.sessions.migrated", "{session}",
            "Live sessions handed to another silo (dehydrated on a draining silo, rehydrated on the receiving one).");
        _stepDuration = meter.CreateHistogram<double>("walletgateway.session.step.duration", "s",
            "Time a session grain spends on one step (open, authenticate, relay), by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public void Opened() => _opened.Add(1);

    public void Completed() => _completed.Add(1);

    public void Removed(string kind) => _removed.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Failed(string reason) => _failed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Migrated(string direction) => _migrated.Add(1, new KeyValuePair<string, object?>("direction", direction));

    public void Step(string step, string outcome, TimeSpan elapsed) =>
        _stepDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("step", step), new KeyValuePair<string, object?>("outcome", outcome));
}
