using System.Net;
using System.Text;
using WalletGateway.LoadTests.Invariants;
using WalletGateway.LoadTests.Scenarios;
using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>The load runner's invariant checker, on saved chips and a canned operator API.</summary>
public sealed class InvariantCheckerTests : IDisposable
{
    private readonly DirectoryInfo _chips = Directory.CreateTempSubdirectory("invariants-");

    [Fact]
    public async Task OneCardOnTwoChipsUnderTwoCardIds_IsAViolationNamingBoth()
    {
        // A lease lost with its silo after the last block went out, taken over by another chip under a new card id:
        // the first chip was never indexed, the record says active on the second.
        var first = GatewayFixture.NewChip();
        var second = GatewayFixture.NewChip();
        Personalize(first, "CAAAA");
        Personalize(second, "CBBBB");
        first.Save(Path.Combine(_chips.FullName, $"chip-{first.ChipId}.json"));
        second.Save(Path.Combine(_chips.FullName, $"chip-{second.ChipId}.json"));
        var admin = new CannedAdmin(new Dictionary<string, string>
        {
            [first.ChipId] = "[]",
            [second.ChipId] = """[{"issuerId":"demo-card","cardRef":"CR-1","cardId":"CBBBB","status":"active","onThisChip":true}]""",
        });

        var report = await new InvariantChecker(new HttpClient(admin) { BaseAddress = new Uri("http://gateway/") }, "key")
            .CheckAsync(_chips.FullName, TestContext.Current.CancellationToken);

        Assert.Contains(report.Violations, v => v.Contains("on 2 chips", StringComparison.Ordinal)
            && v.Contains("CAAAA", StringComparison.Ordinal) && v.Contains("CBBBB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CardMoved_RemovedFromFirstChipThenWrittenToSecond_NoViolation()
    {
        var (first, second) = (GatewayFixture.NewChip(), GatewayFixture.NewChip());
        Personalize(second, "CBBBB");
        var admin = Records(first.ChipId, """[{"issuerId":"demo-card","cardRef":"CR-1","cardId":"CBBBB","status":"active","onThisChip":false}]""",
            second.ChipId, """[{"issuerId":"demo-card","cardRef":"CR-1","cardId":"CBBBB","status":"active","onThisChip":true}]""");

        var report = await Checker(admin).CheckAsync([first, second], Moved(first, second), TestContext.Current.CancellationToken);

        Assert.Empty(report.Violations);
        Assert.Equal((1, 1, 1, 1), (report.CardsOnChips, report.DurablyActive, report.ReportedActive, report.ReportedRemoved));
    }

    [Fact]
    public async Task CardMoved_FirstChipStillHoldsIt_ViolationOnTwoChipsAndRemovalNotTrue()
    {
        // The gateway believed the first chip's removal and wrote the card to the second: both chips now hold it.
        var (first, second) = (GatewayFixture.NewChip(), GatewayFixture.NewChip());
        Personalize(first, "CAAAA");
        Personalize(second, "CBBBB");
        var admin = Records(first.ChipId, """[{"issuerId":"demo-card","cardRef":"CR-1","cardId":"CBBBB","status":"active","onThisChip":false}]""",
            second.ChipId, """[{"issuerId":"demo-card","cardRef":"CR-1","cardId":"CBBBB","status":"active","onThisChip":true}]""");

        var report = await Checker(admin).CheckAsync([first, second], Moved(first, second), TestContext.Current.CancellationToken);

        Assert.Contains(report.Violations, v => v.Contains("on 2 chips", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.StartsWith("reported removed CAAAA", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.Contains($"chip {first.ChipId} holds CAAAA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LostPhoneCopy_RemovalPendingForThatChip_CountedAwaitingWipeNotAViolation()
    {
        // Deleted while on the lost phone, resumed, written to the new phone: the lost phone's copy waits for its wipe.
        var (lost, second) = (GatewayFixture.NewChip(), GatewayFixture.NewChip());
        Personalize(lost, "CAAAA");
        Personalize(second, "CBBBB");
        var admin = Records(lost.ChipId, """[{"issuerId":"demo-card","cardRef":"CR-1","cardId":"CBBBB","status":"active","onThisChip":false,"removalPendingCardId":"CAAAA"}]""",
            second.ChipId, """[{"issuerId":"demo-card","cardRef":"CR-1","cardId":"CBBBB","status":"active","onThisChip":true}]""");
        ChipArchive.ReportedCard[] reported = [new(lost.ChipId, "CAAAA", "s1"), new(second.ChipId, "CBBBB", "s2")];

        var report = await Checker(admin).CheckAsync([lost, second], reported, TestContext.Current.CancellationToken);

        Assert.Empty(report.Violations);
        Assert.Equal((2, 1, 1), (report.CardsOnChips, report.DurablyActive, report.AwaitingWipe));
    }

    [Fact]
    public async Task RemovalCutOff_ChipDroppedTheCardRecordStillOnIt_CountedUnfinishedNotAViolation()
    {
        // The chip took the removal, the final relay (its DF71) never reached the gateway: the card is on no chip.
        var chip = GatewayFixture.NewChip();
        var admin = Records(chip.ChipId, """[{"issuerId":"demo-card","cardRef":"CR-1","cardId":"CAAAA","status":"active","onThisChip":true}]""", "00", "[]");
        ChipArchive.ReportedCard[] reported = [new(chip.ChipId, "CAAAA", "s1"), new(chip.ChipId, "CAAAA", "s2", ChipArchive.ReportedCard.RemovingOutcome)];

        var report = await Checker(admin).CheckAsync([chip], reported, TestContext.Current.CancellationToken);

        Assert.Empty(report.Violations);
        Assert.Equal((0, 1, 0), (report.CardsOnChips, report.RemovalsUnfinished, report.ReportedActive));
    }

    [Fact]
    public async Task CheckSettled_ChipIndexRowLate_CheckedAgainUntilListed()
    {
        // Answered in the campaign's last second: the card's chip index row is not there at the first look.
        var chip = GatewayFixture.NewChip();
        Personalize(chip, "CAAAA");
        var looks = 0;
        var admin = new CannedAdmin(_ => Interlocked.Increment(ref looks) == 1
            ? "[]"
            : """[{"issuerId":"demo-card","cardRef":"CR-1","cardId":"CAAAA","status":"active","onThisChip":true}]""");

        var early = new List<InvariantReport>();

        var report = await Checker(admin).CheckSettledAsync([chip], [new(chip.ChipId, "CAAAA", "s1")], InvariantChecker.IndexSettle, early.Add,
            TestContext.Current.CancellationToken);

        Assert.Empty(report.Violations);
        Assert.Equal((2, 1, 1), (looks, report.DurablyActive, report.ReportedActive));
        Assert.Contains(Assert.Single(early).Violations, v => v.StartsWith("reported active CAAAA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckSettled_ChipIndexRowNeverThere_StillAViolationOnceTheSettleTimeIsOver()
    {
        var chip = GatewayFixture.NewChip();
        Personalize(chip, "CAAAA");
        var looks = 0;
        var admin = new CannedAdmin(_ =>
        {
            Interlocked.Increment(ref looks);
            return "[]";
        });

        var report = await Checker(admin).CheckSettledAsync([chip], [new(chip.ChipId, "CAAAA", "s1")], TimeSpan.FromSeconds(2), rechecking: null,
            TestContext.Current.CancellationToken);

        Assert.True(looks >= 2, $"checked {looks} time(s)");
        Assert.Contains(report.Violations, v => v.StartsWith("reported active CAAAA", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.Contains("the durable record says nothing", StringComparison.Ordinal));
    }

    public void Dispose() => _chips.Delete(recursive: true);

    private static InvariantChecker Checker(CannedAdmin admin) => new(new HttpClient(admin) { BaseAddress = new Uri("http://gateway/") }, "key");

    private static CannedAdmin Records(string firstChip, string firstJson, string secondChip, string secondJson) =>
        new(new Dictionary<string, string> { [firstChip] = firstJson, [secondChip] = secondJson });

    /// <summary>What the gateway answered for a card moved from <paramref name="first"/> (CAAAA) to <paramref name="second"/> (CBBBB).</summary>
    private static ChipArchive.ReportedCard[] Moved(SoftSecureElement first, SoftSecureElement second) =>
    [
        new(first.ChipId, "CAAAA", "s1"),
        new(first.ChipId, "CAAAA", "s2", ChipArchive.ReportedCard.RemovedOutcome),
        new(second.ChipId, "CBBBB", "s3"),
    ];

    private static void Personalize(SoftSecureElement chip, string cardId)
    {
        var kdd = Convert.FromHexString(chip.ChipId);
        var card = new CardData("4111111111111111", "2030-12", "JANE DOE", new byte[16], "demo-card", cardId);
        var script = new PersonalizationScript(ChipKeys.Derive(GatewayFixture.MasterKey, kdd), kdd, card);
        var step = script.Start();
        while (step.Kind == ScriptStepKind.SendApdus)
        {
            step = script.Next([.. ProvisioningRunner.RelayToChip(chip, step.Apdus).Select(Hex.Parse)]);
        }

        Assert.Equal(ScriptStepKind.Done, step.Kind);
    }

    private sealed class CannedAdmin(Func<string, string> byChip) : HttpMessageHandler
    {
        public CannedAdmin(Dictionary<string, string> byChip)
            : this(chipId => byChip.GetValueOrDefault(chipId, "[]"))
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var chipId = request.RequestUri!.Query.Split("chipId=")[^1];
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(byChip(chipId), Encoding.UTF8, "application/json"),
            });
        }
    }
}
