using System.Net;
using System.Text;
using WalletGateway.LoadTests.Invariants;
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

    public void Dispose() => _chips.Delete(recursive: true);

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

    private sealed class CannedAdmin(Dictionary<string, string> byChip) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var chipId = request.RequestUri!.Query.Split("chipId=")[^1];
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(byChip.GetValueOrDefault(chipId, "[]"), Encoding.UTF8, "application/json"),
            });
        }
    }
}
