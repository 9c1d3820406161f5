namespace WalletGateway.LoadTests.Dsl;

/// <summary>A scenario as <see cref="Scenario.Create"/> builds it: what an iteration does, set-up, clean-up and the load plan.</summary>
public sealed record ScenarioProps(string Name, Func<ScenarioContext, Task<Response>> Run)
{
    public Func<ScenarioInitContext, Task>? Init { get; init; }

    public Func<ScenarioInitContext, Task>? Clean { get; init; }

    /// <summary>The stages, one after the other; one second of 1 start/s when none is given.</summary>
    public IReadOnlyList<LoadSimulation> LoadSimulations { get; init; } = [Simulation.Inject(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))];

    /// <summary>Stop starting iterations after this many (a count-bounded run); null for the plan's duration.</summary>
    public long? MaxIterations { get; init; }

    /// <summary>Numbers the scenario keeps itself (e.g. requests per frontend), added to its entry in the report.</summary>
    public Func<IReadOnlyDictionary<string, double>>? ReportMetrics { get; init; }

    /// <summary>Runs once before the load (not measured): fill pools, register devices.</summary>
    public ScenarioProps WithInit(Func<ScenarioInitContext, Task> init) => this with { Init = init };

    /// <summary>Runs once after the load stopped, also when it failed or was cancelled.</summary>
    public ScenarioProps WithClean(Func<ScenarioInitContext, Task> clean) => this with { Clean = clean };

    public ScenarioProps WithLoadSimulations(params LoadSimulation[] simulations) =>
        simulations.Length > 0 ? this with { LoadSimulations = simulations } : throw new ArgumentException("At least one load simulation.", nameof(simulations));

    public ScenarioProps WithMaxIterations(long iterations) =>
        iterations >= 1 ? this with { MaxIterations = iterations } : throw new ArgumentOutOfRangeException(nameof(iterations), "At least 1.");

    public ScenarioProps WithReportMetrics(Func<IReadOnlyDictionary<string, double>> metrics) => this with { ReportMetrics = metrics };
}
