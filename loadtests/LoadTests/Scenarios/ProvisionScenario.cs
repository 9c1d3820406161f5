using System.Diagnostics;
using WalletGateway.Contracts;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// <c>provision</c>: the happy path of docs/terminal-protocol.md. Each iteration is one honest terminal writing one fresh member's
/// card: <c>open</c>, <c>authenticate</c>, <c>relay-1</c>, <c>relay-2</c> (as many relays as the gateway asks for).
/// With <see cref="GatewayTarget.HoldFinalRelay"/>, the terminal waits that long after its chip took the last STORE DATA
/// block before the final relay.
/// </summary>
public class ProvisionScenario(GatewayTarget target, string name = "provision") : Scenario
{
    private long _writesAtStart = -1;
    private long _writesAtEnd = -1;

    public override string Name => name;

    protected GatewayTarget Target { get; } = target;

    protected MemberPool Members { get; } = new();

    protected TerminalPool Terminals { get; } = target.SharedTerminals ?? new(target);

    /// <summary>Where the chips and the cards reported on them are kept: <see cref="GatewayTarget.Chips"/> (<c>--save-chips</c>) unless a scenario keeps its own.</summary>
    protected virtual ChipArchive? Chips => Target.Chips;

    /// <summary>Requests per frontend, for the report.</summary>
    protected FrontendRequests Requests { get; } = new(target);

    public override async Task InitAsync(IReadOnlyList<LoadSimulation> plan, long? maxIterations, CancellationToken ct)
    {
        await Members.FillAsync(Target.Simulator, Target.IssuerId, MemberPool.Size(plan, maxIterations, Target.Members), ct);
        await Terminals.FillAsync(TerminalPool.Size(plan, maxIterations, Target), ct);
        _writesAtStart = Target.DurableWrites is { } writes ? await writes(ct) : -1;
    }

    /// <summary>Reads the durable write counter once the load has drained.</summary>
    public override async Task CleanAsync(CancellationToken ct)
    {
        Target.Chips?.Save();
        if (Target.DurableWrites is { } writes)
        {
            _writesAtEnd = await writes(ct);
        }
    }

    public override async Task RunAsync(IterationContext context)
    {
        // One trace per card: every request of this terminal's session carries the same W3C trace id.
        using var trace = CardTrace.Start();
        var member = Members.Take();
        var terminal = await Terminals.TakeAsync(context);
        var openedAt = Stopwatch.GetTimestamp();
        try
        {
            await WriteCardAsync(context, terminal, member, "", at => openedAt = at);
        }
        finally
        {
            Release(context, terminal, openedAt);
        }
    }

    /// <summary>
    /// Writes <paramref name="member"/>'s card to <paramref name="terminal"/>'s chip: <c>open</c>, <c>authenticate</c>, then
    /// <c>relay-n</c> until done, each step name after <paramref name="prefix"/>; reports the card active (<c>--save-chips</c>).
    /// </summary>
    /// <param name="opened">Told the time the session opened (the device's rest starts there).</param>
    /// <returns>The card id the gateway answered.</returns>
    protected async Task<string> WriteCardAsync(IterationContext context, VirtualTerminal terminal, MemberPool.Member member, string prefix, Action<long> opened)
    {
        var client = Target.ClientOf(terminal);
        var session = await context.StepAsync(prefix + "open", (_, ct) => client.OpenSessionAsync(terminal.DeviceToken, Target.IssuerId, terminal.Chip.ChipId, ct), "201");
        opened(Stopwatch.GetTimestamp());
        var first = await AuthenticateAsync(context, terminal, session, member, prefix);
        var step = await RelayUntilDoneAsync(context, terminal, session, first, prefix);
        if (step.Result?.Status != "active")
        {
            throw new IterationFailedException(prefix + "result", "not-active", new InvalidOperationException($"Finished as '{step.Result?.Status}'."));
        }

        Chips?.Reported(terminal.Chip.ChipId, step.Result.CardId, session.SessionId);
        return step.Result.CardId;
    }

    /// <summary>Relays each step's APDUs to the chip and its answers back (<c>relay-n</c> after <paramref name="prefix"/>) until the gateway says done.</summary>
    protected async Task<SessionStepResponse> RelayUntilDoneAsync(
        IterationContext context, VirtualTerminal terminal, SessionOpenedResponse session, SessionStepResponse step, string prefix)
    {
        for (var n = 1; !step.Done; n++)
        {
            if (n > ChipRelay.MaxSteps)
            {
                throw new IterationFailedException(prefix + "relay", "too-many-steps", new InvalidOperationException($"No end after {ChipRelay.MaxSteps} relays."));
            }

            var responses = ProvisioningRunner.RelayToChip(terminal.Chip, step);
            if (Target.HoldFinalRelay > TimeSpan.Zero && FinalRelay.FollowsLastBlock(step))
            {
                await Task.Delay(Target.HoldFinalRelay, context.CancellationToken);
            }

            step = await RelayAsync(context, terminal, session, n, step.Seq, responses, prefix);
        }

        return step;
    }

    /// <summary>Counts the iteration's requests on its terminal's frontend and gives the terminal back to the pool.</summary>
    protected void Release(IterationContext context, VirtualTerminal terminal, long sessionOpenedAt)
    {
        Requests.Add(terminal, context.Requests);
        Terminals.Return(terminal, sessionOpenedAt);
    }

    protected virtual Task<SessionStepResponse> AuthenticateAsync(
        IterationContext context, VirtualTerminal terminal, SessionOpenedResponse session, MemberPool.Member member, string prefix) =>
        context.StepAsync(prefix + "authenticate", (_, ct) =>
            Target.ClientOf(terminal).AuthenticateAsync(terminal.DeviceToken, session.SessionId, session.Seq, member.MemberId, member.AccessCode, ct));

    protected virtual Task<SessionStepResponse> RelayAsync(
        IterationContext context, VirtualTerminal terminal, SessionOpenedResponse session, int n, int seq, List<string> responses, string prefix) =>
        context.StepAsync($"{prefix}relay-{n}", (_, ct) => Target.ClientOf(terminal).RelayAsync(terminal.DeviceToken, session.SessionId, seq, responses, ct));

    public override IReadOnlyDictionary<string, double> ExtraMetrics(ScenarioSummary summary)
    {
        var extra = new Dictionary<string, double>(Requests.Metrics())
        {
            ["cards completed"] = summary.Iteration.Ok,
            ["devices registered"] = Terminals.Registered,
            ["members left"] = Members.Remaining,
        };
        if (_writesAtStart >= 0 && _writesAtEnd >= 0 && summary.Iteration.Ok > 0)
        {
            var during = _writesAtEnd - _writesAtStart;
            extra["durable writes during load"] = during;
            extra["durable writes per card"] = Math.Round((double)during / summary.Iteration.Ok, 3);
        }

        return extra;
    }
}
