namespace WalletGateway.LoadTests;

/// <summary>
/// A load scenario: what one iteration does, as named steps (<see cref="IterationContext.StepAsync{T}"/>),
/// plus optional set-up before the clock starts and clean-up after it stops.
/// </summary>
public abstract class Scenario
{
    public abstract string Name { get; }

    /// <summary>Runs before the load starts (not measured): create members, register devices, set faults.</summary>
    /// <param name="plan">The load plan, so the scenario can size its pools.</param>
    /// <param name="maxIterations">The iteration bound, if any.</param>
    /// <param name="ct">Cancels the set-up.</param>
    public virtual Task InitAsync(IReadOnlyList<LoadSimulation> plan, long? maxIterations, CancellationToken ct) => Task.CompletedTask;

    /// <summary>One iteration. A failed step throws and ends the iteration as failed.</summary>
    public abstract Task RunAsync(IterationContext context);

    /// <summary>Runs after the load stopped, even when it failed or was cancelled (clear faults).</summary>
    public virtual Task CleanAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Numbers only the scenario knows (e.g. honest throughput before and during abuse).</summary>
    public virtual IReadOnlyDictionary<string, double> ExtraMetrics(ScenarioSummary summary) => new Dictionary<string, double>();
}

/// <summary>A scenario with its load plan: the unit a campaign runs.</summary>
/// <param name="Scenario">What each iteration does.</param>
/// <param name="Plan">The load simulations, one after the other.</param>
/// <param name="MaxIterations">Stop starting iterations after this many (a count-bounded run); null for the plan's duration.</param>
public sealed record ScenarioRun(Scenario Scenario, IReadOnlyList<LoadSimulation> Plan, long? MaxIterations = null);
