using WalletGateway.Terminal.Protocol;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// <c>abusive-device</c>, the abuser half: one registered device opening sessions as fast as its plan says
/// (by default <see cref="GatewayTarget.AbuseFactor"/> times the honest terminals' combined rate). The gateway is
/// right to refuse it: a 201 (within its budget) and a 429 (beyond it, with Retry-After) both count ok, with their
/// status; anything else (5xx, a timeout) fails. It never backs off and never cleans up, as an abuser would.
/// </summary>
public sealed class AbusiveDeviceScenario(GatewayTarget target) : Scenario
{
    private VirtualTerminal? _device;

    public override string Name => "abuser";

    public override async Task InitAsync(IReadOnlyList<LoadSimulation> plan, long? maxIterations, CancellationToken ct) =>
        _device = await new TerminalPool(target).RegisterAsync(ct);

    public override Task RunAsync(IterationContext context) =>
        context.StepAsync("open", async (scope, ct) =>
        {
            try
            {
                await target.ClientOf(_device!).OpenSessionAsync(_device!.DeviceToken, target.IssuerId, _device.Chip.ChipId, ct);
            }
            catch (GatewayProblemException problem) when (problem.Status == 429 && problem.RetryAfter is not null)
            {
                scope.Status = "429";
            }
        }, "201");
}
