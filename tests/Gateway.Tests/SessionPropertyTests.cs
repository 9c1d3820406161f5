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
            .SampleAsync(async (moves, salt) => await RunAsync(moves, salt), iter: 40, threads: 1);
    }

    private async Task<bool> RunAsync(Move[] moves, int salt)
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
                    if (!again.ApdusOrEmpty.SequenceEqual(previous.Answer.ApdusOrEmpty) || again.Done != previous.Answer.Done)
                    {
                        return false;
                    }

                    break;

                case Move.Tamper:
                    var tampered = genuine.ToList();
                    // The SELECT answer's data is not authenticated by design (SCP03.md: "any data"): aim elsewhere.
                    var victim = step.Seq == 1 ? tampered.Count - 1 : salt % tampered.Count;
                    var bytes = Hex.Parse(tampered[victim]);
                    bytes[salt % bytes.Length] ^= (byte)(1 << (salt % 8));
                    tampered[victim] = Hex.Format(bytes);
                    var status = await StatusOfAsync(() => client.RelayAsync(token, id, step.Seq, tampered));
                    if (status == 200)
                    {
                        return false; // a forged answer must never be accepted
                    }

                    forged |= status == 422;
                    ended |= status == 422;
                    break;

                case Move.Reorder when genuine.Count >= 2:
                    var reordered = genuine.ToList();
                    (reordered[0], reordered[^1]) = (reordered[^1], reordered[0]);
                    var reorderStatus = await StatusOfAsync(() => client.RelayAsync(token, id, step.Seq, reordered));
                    if (reorderStatus == 200)
                    {
                        return false;
                    }

                    ended |= reorderStatus == 422;
                    break;

                case Move.Drop when genuine.Count >= 2:
                    // All answers were 9000, so stopping early is malformed: refused, nothing changes.
                    if (await StatusOfAsync(() => client.RelayAsync(token, id, step.Seq, genuine.Take(genuine.Count - 1).ToList())) != 400)
                    {
                        return false;
                    }

                    break;

                case Move.WrongSeq:
                    if (await StatusOfAsync(() => client.RelayAsync(token, id, step.Seq + 1 + salt % 3, genuine)) != 409)
                    {
                        return false;
                    }

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
        if (state == "active" && (forged || ended || chip.Cards.Count != 1))
        {
            return false;
        }

        if (!ended && state != "active")
        {
            return false;
        }

        // Past every lease, a card that is not on a chip can be written again: nothing dangles.
        fixture.Clock.Advance(TimeSpan.FromMinutes(12));
        var fresh = GatewayFixture.NewChip();
        var status2 = await StatusOfAsync(async () =>
            await new ProvisioningRunner(client, fresh).ProvisionAsync(token, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId)));
        var onSomeChip = state == "active" || chip.Cards.Count > 0;
        return onSomeChip ? status2 == 409 && fresh.Cards.Count == 0 : status2 == 200 && fresh.Cards.Count == 1;
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
