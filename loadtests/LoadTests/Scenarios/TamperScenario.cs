using WalletGateway.Terminal.Protocol;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// <c>tamper</c>: forged chip responses. Even iterations flip a bit of the INITIALIZE UPDATE answer (card cryptogram)
/// in <c>relay-1</c>; odd ones let the secure channel open and flip a bit of the last STORE DATA answer (receipt) in
/// <c>relay-2</c>. The forged step must be refused with 422 and the session must then read <c>failed</c>; any other
/// answer is a failure.
/// </summary>
public sealed class TamperScenario(GatewayTarget target) : ProvisionScenario(target, "tamper")
{
    public override async Task RunAsync(IterationContext context)
    {
        var member = Members.Take();
        var terminal = await Terminals.TakeAsync(context);
        var openedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var client = Target.ClientOf(terminal);
            var session = await context.StepAsync("open", (_, ct) => client.OpenSessionAsync(terminal.DeviceToken, Target.IssuerId, terminal.Chip.ChipId, ct), "201");
            var step = await context.StepAsync("authenticate", (_, ct) =>
                client.AuthenticateAsync(terminal.DeviceToken, session.SessionId, session.Seq, member.MemberId, member.AccessCode, ct));
            var forgeAt = context.Index % 2 == 0 ? 1 : 2;
            for (var n = 1; n < forgeAt; n++)
            {
                var genuine = ProvisioningRunner.RelayToChip(terminal.Chip, step);
                var seq = step.Seq;
                step = await context.StepAsync($"relay-{n}", (_, ct) => client.RelayAsync(terminal.DeviceToken, session.SessionId, seq, genuine, ct));
                if (step.Done)
                {
                    throw new IterationFailedException($"relay-{n}", "done-early", new InvalidOperationException("Finished before the forged step."));
                }
            }

            var responses = ProvisioningRunner.RelayToChip(terminal.Chip, step);
            responses[^1] = ChipRelay.Forge(responses[^1]);
            var forgedSeq = step.Seq;
            await context.StepAsync($"relay-{forgeAt}-forged", async (scope, ct) =>
            {
                try
                {
                    await client.RelayAsync(terminal.DeviceToken, session.SessionId, forgedSeq, responses, ct);
                }
                catch (GatewayProblemException problem) when (problem.Status == 422)
                {
                    scope.Status = "422";
                    return;
                }

                throw new StepFailedException("accepted", "A forged chip response was accepted.");
            }, "422");
            await context.StepAsync("look", async (_, ct) =>
            {
                var view = await client.GetSessionAsync(terminal.DeviceToken, session.SessionId, ct);
                if (view.State != "failed")
                {
                    throw new StepFailedException("state-" + view.State, $"After a 422 the session reads '{view.State}', not 'failed'.");
                }
            });
        }
        finally
        {
            Release(context, terminal, openedAt);
        }
    }
}
