using System.Diagnostics;
using WalletGateway.LoadTests.Dsl;
using WalletGateway.LoadTests.Scenarios;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Campaigns.Example;

/// <summary>
/// The happy path of docs/terminal-protocol.md written in the campaign DSL: each iteration is one honest terminal writing
/// one fresh member's card, step by step (<c>open</c>, <c>authenticate</c>, <c>relay-1</c>, <c>relay-2</c>…). The terminals,
/// members and the relay to the chip are the load runner's own (<see cref="TerminalPool"/>, <see cref="MemberPool"/>,
/// <see cref="ProvisioningRunner.RelayToChip"/>); the terminals spread over <see cref="GatewayTarget.Frontends"/>.
/// </summary>
public static class ProvisionCampaign
{
    public const string Name = "provision";

    /// <summary>The scenario, without a load plan: add one with <see cref="ScenarioProps.WithLoadSimulations"/>.</summary>
    public static ScenarioProps Build(GatewayTarget target)
    {
        var members = new MemberPool();
        var terminals = new TerminalPool(target);
        var requests = new FrontendRequests(target);
        return Scenario.Create(Name, async ctx =>
            {
                var member = members.Take();
                var terminal = await terminals.TakeAsync(ctx.Iteration);
                var openedAt = Stopwatch.GetTimestamp();
                try
                {
                    var client = target.ClientOf(terminal);
                    var ct = ctx.CancellationToken;
                    var session = (await Step.Run("open", ctx, async () =>
                        Response.Ok(await client.OpenSessionAsync(terminal.DeviceToken, target.IssuerId, terminal.Chip.ChipId, ct), "201"))).Payload!;
                    openedAt = Stopwatch.GetTimestamp();
                    var step = (await Step.Run("authenticate", ctx, async () =>
                        Response.Ok(await client.AuthenticateAsync(terminal.DeviceToken, session.SessionId, session.Seq, member.MemberId, member.AccessCode, ct)))).Payload!;
                    for (var n = 1; !step.Done && n <= ChipRelay.MaxSteps; n++)
                    {
                        var (seq, answers) = (step.Seq, ProvisioningRunner.RelayToChip(terminal.Chip, step));
                        step = (await Step.Run($"relay-{n}", ctx, async () =>
                            Response.Ok(await client.RelayAsync(terminal.DeviceToken, session.SessionId, seq, answers, ct)))).Payload!;
                    }

                    return step.Result?.Status == "active" ? Response.Ok() : Response.Fail("not-active", $"Finished as '{step.Result?.Status}'.");
                }
                finally
                {
                    requests.Add(terminal, ctx.Requests);
                    terminals.Return(terminal, openedAt);
                }
            })
            .WithInit(async init =>
            {
                await members.FillAsync(target.Simulator, target.IssuerId, MemberPool.Size(init.Plan, init.MaxIterations, target.Members), init.CancellationToken);
                await terminals.FillAsync(TerminalPool.Size(init.Plan, init.MaxIterations, target), init.CancellationToken);
            })
            .WithReportMetrics(() => new Dictionary<string, double>(requests.Metrics()) { ["devices registered"] = terminals.Registered });
    }
}
