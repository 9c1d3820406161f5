namespace WalletGateway.Gateway.Tests;

/// <summary>docs/capacity.md's plan is the arithmetic of scripts/capacity.sh over the doc's own inputs.</summary>
public sealed class CapacityPlanTests
{
    [Fact]
    public async Task PlanTable_AsShipped_IsTheScriptsOutputForTheDocsInputs()
    {
        var (exitCode, output, error) = await CapacityPlan.Shipped.ComputeAsync();

        Assert.True(exitCode == 0, error);
        Assert.Equal(output, CapacityPlan.Shipped.PlanTable);
    }

    [Fact]
    public async Task Script_SiloCostDoubled_PlansTheSilosForIt()
    {
        var (exitCode, output, error) = await CapacityPlan.Shipped.WithInput("silo_cpu_ms", "12").ComputeAsync();

        Assert.True(exitCode == 0, error);
        // 1k cards/s × 12 ms = 12 cores busy; ÷ 0.6 ÷ 4 cores a silo = 5 silos, + 1; at 10k: 50 + 1.
        Assert.Contains("| **silos** (N+1, 4 cores each) | 6 | 51 | 501 |", output);
        Assert.Contains("| cards/s per silo (silo HPA target) | 200 |", output);
    }

    [Fact]
    public async Task Script_InputMissing_FailsNamingIt()
    {
        var (exitCode, output, error) = await CapacityPlan.Shipped.WithoutInput("account_entities_s").ComputeAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains("account_entities_s", error);
        Assert.Empty(output);
    }
}
