using Microsoft.Extensions.Logging;

namespace WalletGateway.LoadTests.Dsl;

/// <summary>Runs a <see cref="ScenarioProps"/> as an engine scenario: the engine does the scheduling, timing and counting.</summary>
internal sealed class DslScenario(ScenarioProps props, ILogger logger) : LoadTests.Scenario
{
    /// <summary>The step name a failed <see cref="Response"/> returned by the scenario itself shows under (<c>response:503</c>).</summary>
    public const string ResponseStep = "response";

    private readonly ScenarioInfo _info = new(props.Name);

    public override string Name => props.Name;

    public ScenarioRun ToRun() => new(this, props.LoadSimulations, props.MaxIterations);

    public override Task InitAsync(IReadOnlyList<LoadSimulation> plan, long? maxIterations, CancellationToken ct) =>
        props.Init?.Invoke(new ScenarioInitContext(_info, plan, maxIterations, logger, ct)) ?? Task.CompletedTask;

    public override Task CleanAsync(CancellationToken ct) =>
        props.Clean?.Invoke(new ScenarioInitContext(_info, props.LoadSimulations, props.MaxIterations, logger, ct)) ?? Task.CompletedTask;

    public override async Task RunAsync(IterationContext context)
    {
        var response = await props.Run(new ScenarioContext(_info, context, logger));
        if (response.IsError)
        {
            throw new IterationFailedException(ResponseStep, response.StatusCode,
                new StepFailedException(response.StatusCode, response.Message ?? $"{props.Name} answered {response.StatusCode}."));
        }
    }

    public override IReadOnlyDictionary<string, double> ExtraMetrics(ScenarioSummary summary) =>
        props.ReportMetrics?.Invoke() ?? base.ExtraMetrics(summary);
}
