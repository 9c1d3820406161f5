using Microsoft.Extensions.Logging;

namespace WalletGateway.LoadTests.Dsl;

/// <summary>What set-up and clean-up see: the scenario, its plan (to size pools), the logger, cancellation.</summary>
public sealed record ScenarioInitContext(ScenarioInfo ScenarioInfo, IReadOnlyList<LoadSimulation> Plan, long? MaxIterations, ILogger Logger, CancellationToken CancellationToken);
