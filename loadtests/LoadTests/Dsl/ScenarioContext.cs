using Microsoft.Extensions.Logging;

namespace WalletGateway.LoadTests.Dsl;

/// <summary>What an iteration of a <see cref="Scenario.Create"/> scenario sees (NBomber's <c>IScenarioContext</c>, as far as it maps).</summary>
public sealed class ScenarioContext
{
    internal ScenarioContext(ScenarioInfo info, IterationContext iteration, ILogger logger)
    {
        ScenarioInfo = info;
        Iteration = iteration;
        Logger = logger;
    }

    public ScenarioInfo ScenarioInfo { get; }

    /// <summary>1-based number of this iteration within its scenario.</summary>
    public long InvocationNumber => Iteration.Index + 1;

    public ILogger Logger { get; }

    /// <summary>Cancelled when the campaign stops its iterations (drain timeout, Ctrl+C).</summary>
    public CancellationToken CancellationToken => Iteration.CancellationToken;

    /// <summary>Per-iteration values shared between steps.</summary>
    public Dictionary<string, object> Data { get; } = new(StringComparer.Ordinal);

    /// <summary>Steps this iteration ran so far.</summary>
    public int Requests => Iteration.Requests;

    /// <summary>The engine's iteration, for code written against <see cref="LoadTests.Scenario"/>.</summary>
    public IterationContext Iteration { get; }
}
