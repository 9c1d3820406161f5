namespace WalletGateway.LoadTests.Dsl;

/// <summary>Which scenario an iteration belongs to.</summary>
public sealed record ScenarioInfo(string ScenarioName);
