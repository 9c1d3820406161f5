using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using WalletGateway.LoadTests.Invariants;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// <c>phone-change</c>: a member moves a card from phone A to phone B (docs/terminal-protocol.md, "Phone change"). Each
/// iteration takes two honest terminals and one fresh member: <c>a-open</c>, <c>a-authenticate</c>, <c>a-relay-n</c> (the
/// card written to A); <c>a-listed</c> (A's card list shows it); <c>a-remove-open</c>, <c>a-remove</c>, <c>a-remove-relay-n</c> (the removal session, its <c>DF71</c>
/// verified); <c>new-code</c> (the issuer's new one-time code, from the simulator); <c>b-open</c>, <c>b-authenticate</c>,
/// <c>b-relay-n</c> (the same card written to B). Failed iterations are counted by step, status and problem type. When the
/// load has drained, the invariant checker compares every chip the scenario used with the durable records: no card on two chips.
/// </summary>
public sealed class PhoneChangeScenario(GatewayTarget target) : ProvisionScenario(target, "phone-change")
{
    /// <summary><c>a-listed</c> asks the chip's card list up to this many times, <see cref="ListedPoll"/> apart.</summary>
    private const int ListedAttempts = 100;

    private static readonly TimeSpan ListedPoll = TimeSpan.FromMilliseconds(100);

    private readonly ChipArchive _chips = target.Chips ?? new ChipArchive();
    private readonly ConcurrentDictionary<string, long> _failures = new();

    /// <summary>What the invariant check found after the load; null until the scenario cleaned up.</summary>
    public InvariantReport? Invariants { get; private set; }

    /// <summary>Failed iterations by <c>step status problem-type</c>, e.g. <c>b-authenticate 409 card-active</c>.</summary>
    public IReadOnlyDictionary<string, long> Failures => _failures;

    protected override ChipArchive? Chips => _chips;

    /// <summary>Two terminals per iteration: the pool is filled to twice its provisioning size (unless <c>--terminals</c> is given).</summary>
    public override async Task InitAsync(IReadOnlyList<LoadSimulation> plan, long? maxIterations, CancellationToken ct)
    {
        await base.InitAsync(plan, maxIterations, ct);
        if (Target.Terminals is null)
        {
            await Terminals.FillAsync(2 * TerminalPool.Size(plan, maxIterations, Target), ct);
        }
    }

    public override async Task RunAsync(IterationContext context)
    {
        using var trace = CardTrace.Start();
        var member = Members.Take();
        var a = await Terminals.TakeAsync(context);
        var b = await Terminals.TakeAsync(context);
        _chips.Track(a.Chip);
        _chips.Track(b.Chip);
        var (openedA, openedB) = (Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp());
        var requestsOfA = 0;
        try
        {
            var cardId = await WriteCardAsync(context, a, member, "a-", at => openedA = at);
            await WaitListedAsync(context, a, cardId);
            await RemoveCardAsync(context, a, cardId, at => openedA = at);
            requestsOfA = context.Requests;
            var code = await context.StepAsync("new-code", (_, ct) => NewAccessCodeAsync(member.MemberId, ct), "201");
            await WriteCardAsync(context, b, member with { AccessCode = code }, "b-", at => openedB = at);
        }
        catch (IterationFailedException failed)
        {
            var type = (failed.InnerException as GatewayProblemException)?.Type?.Split('/')[^1];
            _failures.AddOrUpdate($"{failed.Step} {failed.Status}{(type is null ? "" : " " + type)}", 1, (_, n) => n + 1);
            throw;
        }
        finally
        {
            requestsOfA = requestsOfA == 0 ? context.Requests : requestsOfA;
            Requests.Add(a, requestsOfA);
            Requests.Add(b, context.Requests - requestsOfA);
            // A opened two sessions (the card's write and its removal): it rests twice the gap.
            Terminals.Return(a, openedA + (long)(Target.DeviceReuseGap.TotalSeconds * Stopwatch.Frequency));
            Terminals.Return(b, openedB);
        }
    }

    /// <summary>
    /// <c>a-listed</c>: what the app shows before it offers the removal, <c>GET /v1/cards?chipId=</c>, asked until it lists the
    /// card. The gateway finds the card to remove through the chip's index row, written after the activation's answer
    /// (grouped, within about a second): a removal asked before that is 404 <c>card-not-found</c>.
    /// </summary>
    private async Task WaitListedAsync(IterationContext context, VirtualTerminal terminal, string cardId)
    {
        var client = Target.ClientOf(terminal);
        await context.StepAsync("a-listed", async (_, ct) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if ((await client.ListChipCardsAsync(terminal.DeviceToken, terminal.Chip.ChipId, ct)).Any(c => c.CardId == cardId))
                    {
                        return;
                    }
                }
                catch (GatewayProblemException problem) when (problem.Status == 404)
                {
                    // Not indexed yet: this device has no card listed on the chip.
                }

                if (attempt == ListedAttempts)
                {
                    throw new StepFailedException("not-listed", $"{cardId} not listed on its chip after {ListedAttempts} asks.");
                }

                await Task.Delay(ListedPoll, ct);
            }
        });
    }

    /// <summary>
    /// The removal session on the terminal's own chip: <c>open</c>, <c>remove</c> (step 0, the card id), then relays until
    /// done; the result must say <c>removed</c> for that card, and the chip must have held it.
    /// </summary>
    private async Task RemoveCardAsync(IterationContext context, VirtualTerminal terminal, string cardId, Action<long> opened)
    {
        var client = Target.ClientOf(terminal);
        var session = await context.StepAsync("a-remove-open", (_, ct) => client.OpenSessionAsync(terminal.DeviceToken, Target.IssuerId, terminal.Chip.ChipId, ct), "201");
        opened(Stopwatch.GetTimestamp());
        var first = await context.StepAsync("a-remove", (_, ct) => client.RemoveAsync(terminal.DeviceToken, session.SessionId, session.Seq, cardId, ct));
        _chips.ReportedRemoving(terminal.Chip.ChipId, cardId, session.SessionId);
        var step = await RelayUntilDoneAsync(context, terminal, session, first, "a-remove-");
        if (step.Result is not { Status: "removed", Removed: true } result || result.CardId != cardId)
        {
            throw new IterationFailedException("a-remove-result", "not-removed",
                new InvalidOperationException($"Finished as '{step.Result?.Status}' (removed {step.Result?.Removed}) for {step.Result?.CardId}."));
        }

        _chips.ReportedRemoved(terminal.Chip.ChipId, cardId, session.SessionId);
    }

    private async Task<string> NewAccessCodeAsync(string memberId, CancellationToken ct)
    {
        using var response = await Target.Simulator.PostAsync(
            $"admin/issuers/{Uri.EscapeDataString(Target.IssuerId)}/members/{Uri.EscapeDataString(memberId)}/codes", content: null, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<NewCode>(ct))!.AccessCode;
    }

    /// <summary>Saves the chips when asked (<c>--save-chips</c>), then checks the invariants on every chip the scenario used.</summary>
    public override async Task CleanAsync(CancellationToken ct)
    {
        await base.CleanAsync(ct);
        Invariants = await new InvariantChecker(Target.Gateway, Target.ApiKey)
            .CheckSettledAsync(_chips.Chips, _chips.ReportedCards, InvariantChecker.IndexSettle, rechecking: null, ct);
    }

    public override IReadOnlyDictionary<string, double> ExtraMetrics(ScenarioSummary summary)
    {
        var extra = new Dictionary<string, double>(base.ExtraMetrics(summary)) { ["cards moved"] = summary.Iteration.Ok };
        extra.Remove("cards completed");
        if (Invariants is { } invariants)
        {
            extra["invariants: cards on chips"] = invariants.CardsOnChips;
            extra["invariants: reported removed"] = invariants.ReportedRemoved;
            extra["invariants: violations"] = invariants.Violations.Count;
        }

        foreach (var (failure, count) in _failures)
        {
            extra["failed " + failure] = count;
        }

        return extra;
    }

    private sealed record NewCode(string AccessCode);
}
