using WalletGateway.Contracts;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// <c>retry-storm</c>: a mobile network that drops replies. Every step after open is sent, its answer discarded,
/// then sent again byte for byte (<c>…-retry</c>); the second answer must equal the first (status <c>mismatch</c> otherwise),
/// and the provisioning must still finish.
/// </summary>
public sealed class RetryStormScenario(GatewayTarget target) : ProvisionScenario(target, "retry-storm")
{
    protected override async Task<SessionStepResponse> AuthenticateAsync(
        IterationContext context, VirtualTerminal terminal, SessionOpenedResponse session, MemberPool.Member member, string prefix)
    {
        Task<SessionStepResponse> Send(CancellationToken ct) =>
            Target.ClientOf(terminal).AuthenticateAsync(terminal.DeviceToken, session.SessionId, session.Seq, member.MemberId, member.AccessCode, ct);
        var dropped = await context.StepAsync(prefix + "authenticate", (_, ct) => Send(ct));
        return await context.StepAsync(prefix + "authenticate-retry", async (_, ct) => Verify(dropped, await Send(ct)));
    }

    protected override async Task<SessionStepResponse> RelayAsync(
        IterationContext context, VirtualTerminal terminal, SessionOpenedResponse session, int n, int seq, List<string> responses, string prefix)
    {
        Task<SessionStepResponse> Send(CancellationToken ct) => Target.ClientOf(terminal).RelayAsync(terminal.DeviceToken, session.SessionId, seq, responses, ct);
        var dropped = await context.StepAsync($"{prefix}relay-{n}", (_, ct) => Send(ct));
        return await context.StepAsync($"{prefix}relay-{n}-retry", async (_, ct) => Verify(dropped, await Send(ct)));
    }

    private static SessionStepResponse Verify(SessionStepResponse first, SessionStepResponse again) =>
        ChipRelay.Same(first, again)
            ? again
            : throw new StepFailedException("mismatch", $"The retry of step {first.Seq - 1} was answered differently.");
}
