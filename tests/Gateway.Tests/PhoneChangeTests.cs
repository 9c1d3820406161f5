using WalletGateway.LoadTests;
using WalletGateway.LoadTests.Invariants;
using WalletGateway.LoadTests.Scenarios;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// A member moves a card from phone A to phone B (docs/terminal-protocol.md, "Phone change"): removal on A, then a new
/// one-time code and provisioning on B; with A lost, the operator's delete and resume. The load runner's invariant checker
/// runs after every stage: the card is never on two chips (a lost phone's copy only as awaiting its wipe).
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class PhoneChangeTests(OperatorFixture fixture) : IDisposable
{
    private readonly ChipArchive _chips = new();
    private readonly InvariantChecker _checker = new(fixture.Gateway, OperatorFixture.ApiKey);
    private readonly string _reports = Path.Combine(Path.GetTempPath(), "walletgateway-phonechange-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task PhoneChange_RemovedFromAThenWrittenToBWithANewCode_CardOnOneChipAtEveryStage()
    {
        var (memberId, a, tokenA, b, tokenB, onA, cardRef) = await CardOnPhoneAAsync(checkBefore: true);
        await AssertInvariantsAsync(cardsOnChips: 1);

        var removal = await RemoveAsync(tokenA, a, onA.CardId);
        Assert.Equal((onA.CardId, true), (removal.CardId, removal.Removed));
        Assert.Empty(a.Cards);
        var afterRemoval = (await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}")).Body;
        Assert.Equal("unprovisioned", afterRemoval.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, afterRemoval.GetProperty("chipId").ValueKind);
        await AssertInvariantsAsync(cardsOnChips: 0);

        var onB = await new ProvisioningRunner(fixture.Client, b).ProvisionAsync(tokenB, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId));
        _chips.Reported(b.ChipId, onB.CardId, onB.SessionId);
        Assert.Equal("active", onB.Status);
        Assert.Equal(cardRef, await fixture.CardRefOnChipAsync(b.ChipId));
        Assert.Equal(b.ChipId, (await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}")).Body.GetProperty("chipId").GetString());
        var last = await AssertInvariantsAsync(cardsOnChips: 1);
        Assert.Equal((1, 1), (last.ReportedActive, last.ReportedRemoved));
    }

    [Fact]
    public async Task PhoneChange_BeforeAsRemoval_BRefused409CardActiveAndTheCardStaysOnA()
    {
        var (memberId, a, _, b, tokenB, onA, cardRef) = await CardOnPhoneAAsync();

        var refused = await Assert.ThrowsAsync<GatewayProblemException>(async () =>
            await new ProvisioningRunner(fixture.Client, b).ProvisionAsync(tokenB, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId)));

        Assert.Equal(409, refused.Status);
        Assert.EndsWith("/card-active", refused.Type);
        Assert.Empty(b.Cards);
        Assert.Equal(onA.CardId, Assert.Single(a.Cards).CardId);
        var card = (await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}")).Body;
        Assert.Equal(("active", a.ChipId), (card.GetProperty("status").GetString(), card.GetProperty("chipId").GetString()));
        await AssertInvariantsAsync(cardsOnChips: 1);
    }

    [Fact]
    public async Task LostPhone_DeletedThenResumed_WrittenToBWhileAsCopyAwaitsItsWipe()
    {
        var (memberId, a, tokenA, b, tokenB, onA, cardRef) = await CardOnPhoneAAsync();

        Assert.Equal(200, (await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/delete", new { reason = "lost-phone", requestedBy = "member" })).Status);
        var pending = await AssertInvariantsAsync(cardsOnChips: 1);
        Assert.Equal(1, pending.AwaitingWipe);
        Assert.Equal("unprovisioned", (await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/resume", new { reason = "new-phone", requestedBy = "member" }))
            .Body.GetProperty("status").GetString());
        var onB = await new ProvisioningRunner(fixture.Client, b).ProvisionAsync(tokenB, "demo-card", memberId, await fixture.NewAccessCodeAsync(memberId));
        _chips.Reported(b.ChipId, onB.CardId, onB.SessionId);
        await fixture.CardRefOnChipAsync(b.ChipId);

        // The lost phone still holds its copy: known to the gateway as removal pending for that chip, not a second live card.
        var moved = await AssertInvariantsAsync(cardsOnChips: 2);
        Assert.Equal((1, 1), (moved.DurablyActive, moved.AwaitingWipe));
        var listing = (await fixture.AdminAsync(HttpMethod.Get, $"admin/cards?chipId={a.ChipId}")).Body;
        Assert.Equal(onA.CardId, listing.EnumerateArray().Single().GetProperty("removalPendingCardId").GetString());

        // The lost phone comes back: its copy is wiped, and only B holds the card.
        var wipe = await RemoveAsync(tokenA, a, onA.CardId);
        Assert.True(wipe.Removed);
        Assert.Empty(a.Cards);
        var wiped = await AssertInvariantsAsync(cardsOnChips: 1);
        Assert.Equal(0, wiped.AwaitingWipe);
        Assert.Equal(b.ChipId, (await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}")).Body.GetProperty("chipId").GetString());
    }

    [Fact]
    public async Task PhoneChangeCampaign_FewIterations_NoFailuresNoViolations()
    {
        var target = new GatewayTarget(fixture.Gateway, fixture.Simulator) { ApiKey = OperatorFixture.ApiKey };
        var scenario = new PhoneChangeScenario(target);
        var settings = new CampaignSettings { RunName = "smoke-phone-change", ReportRoot = _reports, DrainTimeout = TimeSpan.FromSeconds(60) };

        var report = await new Campaign(settings, [new ScenarioRun(scenario, [LoadSimulation.Inject(2, TimeSpan.FromSeconds(2))], MaxIterations: 3)])
            .RunAsync(ct: TestContext.Current.CancellationToken);

        var run = report.Scenario("phone-change");
        Assert.Empty(scenario.Failures);
        Assert.Equal((3, 3, 0, 0), (run.Started, run.Iteration.Ok, run.Iteration.Fail, run.Dropped));
        Assert.Equal(["a-open", "a-authenticate", "a-relay-1", "a-relay-2", "a-listed", "a-remove-open", "a-remove"],
            run.Steps.Select(s => s.Name).Take(7));
        Assert.Contains(run.Steps, s => s.Name == "new-code" && s.Ok == 3);
        Assert.Contains(run.Steps, s => s.Name == "b-relay-2" && s.Ok == 3);
        var invariants = Assert.IsType<InvariantReport>(scenario.Invariants);
        Assert.Empty(invariants.Violations);
        Assert.Equal((3, 3, 3), (invariants.CardsOnChips, invariants.ReportedActive, invariants.ReportedRemoved));
        Assert.Equal(0, run.Extra["invariants: violations"]);
        Assert.Equal(3, run.Extra["cards moved"]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_reports))
        {
            Directory.Delete(_reports, recursive: true);
        }
    }

    /// <summary>A member, phones A and B (each its device and chip), the member's card written to A and indexed there.</summary>
    /// <param name="checkBefore">Run the invariant check once the phones exist, before the card is written.</param>
    private async Task<(string MemberId, SoftSecureElement A, string TokenA, SoftSecureElement B, string TokenB, ProvisioningResult OnA, string CardRef)> CardOnPhoneAAsync(
        bool checkBefore = false)
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var (a, tokenA) = await PhoneAsync();
        var (b, tokenB) = await PhoneAsync();
        if (checkBefore)
        {
            await AssertInvariantsAsync(cardsOnChips: 0);
        }

        var onA = await new ProvisioningRunner(fixture.Client, a).ProvisionAsync(tokenA, "demo-card", memberId, code);
        _chips.Reported(a.ChipId, onA.CardId, onA.SessionId);
        return (memberId, a, tokenA, b, tokenB, onA, await fixture.CardRefOnChipAsync(a.ChipId));
    }

    private async Task<(SoftSecureElement Chip, string Token)> PhoneAsync()
    {
        var chip = GatewayFixture.NewChip();
        _chips.Track(chip);
        return (chip, await fixture.RegisterDeviceAsync());
    }

    /// <summary>The removal session on <paramref name="chip"/> (the terminal's <see cref="RemovalRunner"/>); reported once verified.</summary>
    private async Task<RemovalResult> RemoveAsync(string token, SoftSecureElement chip, string cardId)
    {
        var removal = await new RemovalRunner(fixture.Client, chip).RemoveAsync(token, "demo-card", cardId);
        _chips.ReportedRemoved(chip.ChipId, removal.CardId, removal.SessionId);
        return removal;
    }

    /// <summary>
    /// Checks the chips of this test against the durable records, again while the chip index rows (written after the answer,
    /// grouped) catch up; asserts no violation and the number of cards the chips hold.
    /// </summary>
    private async Task<InvariantReport> AssertInvariantsAsync(int cardsOnChips)
    {
        InvariantReport? report = null;
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                report = await _checker.CheckAsync(_chips.Chips, _chips.ReportedCards, TestContext.Current.CancellationToken);
                return report.Violations.Count == 0;
            }, TimeSpan.FromSeconds(15));
        }
        catch (OperationCanceledException)
        {
            // Shown by the assertion below, with the violations that were left.
        }

        Assert.Empty(report!.Violations);
        Assert.Equal(cardsOnChips, report.CardsOnChips);
        return report;
    }
}
