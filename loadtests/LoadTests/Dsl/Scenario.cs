namespace WalletGateway.LoadTests.Dsl;

/// <summary>
/// Campaigns written as C# in the shape NBomber users know, run by our engine (<see cref="Campaign"/>):
/// <c>Scenario.Create("provision", async ctx =&gt; { await Step.Run("open", ctx, …); return Response.Ok(); })</c>.
/// </summary>
public static class Scenario
{
    /// <summary>A scenario whose iteration is <paramref name="run"/>; give it a plan with <see cref="ScenarioProps.WithLoadSimulations"/>.</summary>
    /// <param name="name">The scenario's name in the report and in thresholds.</param>
    /// <param name="run">One iteration: named steps (<see cref="Step.Run"/>), then <see cref="Response.Ok()"/> or <see cref="Response.Fail(string, string?)"/>.</param>
    public static ScenarioProps Create(string name, Func<ScenarioContext, Task<Response>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        return new ScenarioProps(name, run);
    }
}
