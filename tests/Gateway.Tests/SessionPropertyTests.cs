using CsCheck;
using WalletGateway.Contracts;
using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Random sequences of steps, identical retries, reorderings, dropped and tampered chip responses,
/// wrong sequence numbers and aborts at a session: it ends active only when the exact script was
/// followed with genuine responses, and no card lease outlives its expiry.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SessionPropertyTests(GatewayFixture fixture)
{
    private enum Move
    {
        Genuine,
        Retry,
        Tamper,
        Reorder,
        Drop,
        WrongSeq,
        Abort,
    }

    [Fact]
    public async Task RandomStepSequences_ActiveOnlyWhenScriptFollowedAndNoLeaseOutlivesExpiry()
    {
        await Gen.Enum<Move>().Array[1, 10].Select(Gen.Int[0, 1000])
            .SampleAsync(RunAsync, iter: 40, threads: 1);
    }

    /// <summary>Plays the moves; throws, naming the invariant that broke, when the session does what it must not.</summary>
    private async Task RunAsync(Move[] moves, int salt)
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var client = fixture.Client;
        var (session, step) = await OpenAndAuthenticateAsync(client, token, chip, memberId, code);
        var id = session.SessionId;
        List<string>? genuine = null;        // the chip's real answers to the current step (the chip sees each step once)
        (int Seq, List<string> Sent, SessionStepResponse Answer)? last = null;
        var forged = false;
        var ended = false;

        foreach (var move in moves)
        {
            if (step.Done || ended)
            {
                break;
            }

            genuine ??= ProvisioningRunner.RelayToChip(chip, step);
            switch (move)
            {
                case Move.Genuine:
                    var next = await client.RelayAsync(token, id, step.Seq, genuine);
                    last = (step.Seq, genuine, next);
                    (step, genuine) = (next, null);
                    break;

                case Move.Retry when last is { } previous:
                    var again = await client.RelayAsync(token, id, previous.Seq, previous.Sent);
                    Assert.True(
                        again.ApdusOrEmpty.SequenceEqual(previous.Answer.ApdusOrEmpty) && again.Done == previous.Answer.Done,
                        $"Invariant 'an identical retry gets the identical answer' broke: the retry of step {previous.Seq} was answered differently.");

                    break;

                case Move.Tamper:
                    var tampered = genuine.ToList();
                    // The SELECT answer's data is not authenticated by design (docs/scp03.md): aim elsewhere.
                    var victim = step.Seq == 1 ? tampered.Count - 1 : salt % tampered.Count;
                    var bytes = Hex.Parse(tampered[victim]);
                    bytes[salt % bytes.Length] ^= (byte)(1 << (salt % 8));
                    tampered[victim] = Hex.Format(bytes);
                    var status = await StatusOfAsync(() => client.RelayAsync(token, id, step.Seq, tampered));
                    Assert.True(status != 200, $"Invariant 'a forged chip answer is never accepted' broke: a tampered response to step {step.Seq} got 200.");

                    forged |= status == 422;
                    ended |= status == 422;
                    break;

                case Move.Reorder when genuine.Count >= 2:
                    var reordered = genuine.ToList();
                    (reordered[0], reordered[^1]) = (reordered[^1], reordered[0]);
                    var reorderStatus = await StatusOfAsync(() => client.RelayAsync(token, id, step.Seq, reordered));
                    Assert.True(reorderStatus != 200, $"Invariant 'reordered chip answers are never accepted' broke: step {step.Seq} got 200.");

                    ended |= reorderStatus == 422;
                    break;

                case Move.Drop when genuine.Count >= 2:
                    // All answers were 9000, so stopping early is malformed: refused, nothing changes.
                    var dropStatus = await StatusOfAsync(() => client.RelayAsync(token, id, step.Seq, genuine.Take(genuine.Count - 1).ToList()));
                    Assert.True(dropStatus == 400, $"Invariant 'a step answered with too few chip responses is refused with 400' broke: step {step.Seq} got {dropStatus}.");

                    break;

                case Move.WrongSeq:
                    var wrongSeqStatus = await StatusOfAsync(() => client.RelayAsync(token, id, step.Seq + 1 + salt % 3, genuine));
                    Assert.True(wrongSeqStatus == 409, $"Invariant 'a step with the wrong seq is refused with 409' broke: seq {step.Seq + 1 + salt % 3} at step {step.Seq} got {wrongSeqStatus}.");

                    break;

                case Move.Abort:
                    await client.AbortAsync(token, id);
                    ended = true;
                    break;
            }
        }

        // Finish genuinely when still possible.
        while (!ended && !step.Done)
        {
            var next = await client.RelayAsync(token, id, step.Seq, genuine ?? ProvisioningRunner.RelayToChip(chip, step));
            (step, genuine) = (next, null);
        }

        var state = (await client.GetSessionAsync(token, id)).State;
        Assert.False(
            state == "active" && (forged || ended || chip.Cards.Count != 1),
            $"Invariant 'a session ends active only when the exact script was followed with genuine answers' broke: active with forged={forged}, ended={ended}, cards on the chip={chip.Cards.Count}.");
        Assert.False(!ended && state != "active", $"Invariant 'a session followed to its end with genuine answers is active' broke: it is '{state}'.");

        // Past every lease, a card that is not on a chip can be written again: nothing dangles.
        fixture.Clock.Advance(TimeSpan.FromMinutes(12));
        var fresh = GatewayFixture.NewChip();
        var status2 = await StatusOfAsync(async () =>
            await new ProvisioningRunner(client, fresh).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId)));
        if (state == "active" || chip.Cards.Count > 0)
        {
            Assert.True(
                status2 == 409 && fresh.Cards.Count == 0,
                $"Invariant 'a card on a chip is never written to another chip' broke: after the leases ran out another chip got {status2} and holds {fresh.Cards.Count} card(s).");
        }
        else
        {
            Assert.True(
                status2 == 200 && fresh.Cards.Count == 1,
                $"Invariant 'no card lease outlives its expiry' broke: a card on no chip could not be written after the leases ran out ({status2}, '{state}' session).");
        }
    }

    private static async Task<int> StatusOfAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return 200;
        }
        catch (GatewayProblemException e)
        {
            return e.Status;
        }
    }

    private static Task<int> StatusOfAsync(Func<Task> call) => StatusOfAsync(async () =>
    {
        await call();
        return 0;
    });
}
