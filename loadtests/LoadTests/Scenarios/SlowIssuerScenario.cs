using System.Net.Http.Json;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// <c>slow-issuer</c>: the provision path while the issuer answers slowly. Set-up posts the fault
/// (<c>POST /admin/faults {issuerId, latencyMs}</c>); clean-up clears it (<c>DELETE /admin/faults/{issuerId}</c>)
/// even when the run fails or is cancelled.
/// </summary>
public sealed class SlowIssuerScenario(GatewayTarget target) : ProvisionScenario(target, "slow-issuer")
{
    private bool _faultSet;

    public override async Task InitAsync(IReadOnlyList<LoadSimulation> plan, long? maxIterations, CancellationToken ct)
    {
        await base.InitAsync(plan, maxIterations, ct);
        var fault = new { issuerId = Target.IssuerId, latencyMs = (int)Target.IssuerLatency.TotalMilliseconds, failureRate = 0.0, down = false };
        using var response = await Target.Simulator.PostAsJsonAsync("admin/faults", fault, ct);
        response.EnsureSuccessStatusCode();
        _faultSet = true;
    }

    public override async Task CleanAsync(CancellationToken ct)
    {
        await base.CleanAsync(ct);
        if (_faultSet)
        {
            using var response = await Target.Simulator.DeleteAsync($"admin/faults/{Uri.EscapeDataString(Target.IssuerId)}", ct);
            response.EnsureSuccessStatusCode();
            _faultSet = false;
        }
    }

    public override IReadOnlyDictionary<string, double> ExtraMetrics(ScenarioSummary summary) =>
        new Dictionary<string, double>(base.ExtraMetrics(summary)) { ["issuer latency injected ms"] = Target.IssuerLatency.TotalMilliseconds };
}
