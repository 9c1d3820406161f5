using WalletGateway.SecureChannel;
using static WalletGateway.SecureChannel.Tests.TestChips;

namespace WalletGateway.SecureChannel.Tests;

/// <summary>Response lists no honest terminal sends: refused with ScriptInputException, the script unchanged.</summary>
public sealed class ScriptInputTests
{
    public static TheoryData<string> BadInputs => ["empty", "null", "longer", "short-after-9000", "one-byte", "empty-element"];

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void ScriptNext_ImpossibleResponseList_ThrowsAndLeavesScriptUnchanged(string kind)
    {
        var chip = ChipA();
        var script = Script(batch: 1000, blockLength: 30);
        var first = script.Start();
        var second = script.Next(Relay(chip, first.Apdus));
        var responses = Relay(chip, second.Apdus);
        int pending = script.PendingApduCount;

        IReadOnlyList<byte[]> bad = kind switch
        {
            "empty" => [],
            "null" => null!,
            "longer" => [.. responses, [0x90, 0x00]],
            "short-after-9000" => responses.Take(responses.Count - 1).ToList(),
            "one-byte" => [.. responses.Take(responses.Count - 1), [0x90]],
            _ => [.. responses.Take(responses.Count - 1), []],
        };

        var ex = Assert.Throws<ScriptInputException>(() => script.Next(bad));
        Assert.IsAssignableFrom<ArgumentException>(ex);
        Assert.Equal(ScriptState.AwaitingResponses, script.State);
        Assert.Equal(pending, script.PendingApduCount);

        Assert.Equal(ScriptStepKind.Done, script.Next(responses).Kind);
        Assert.Single(chip.Cards);
    }

    [Fact]
    public void ScriptNext_AfterDone_ThrowsInvalidOperation()
    {
        var script = Script();
        Run(script, ChipA());

        Assert.Throws<InvalidOperationException>(() => script.Next([[0x90, 0x00]]));
        Assert.Throws<InvalidOperationException>(() => script.Start());
    }

    [Fact]
    public void ScriptNext_BeforeStart_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => Script().Next([[0x90, 0x00]]));
    }

    [Fact]
    public void ScriptNext_ShorterListEndingInError_FailsWithoutThrowing()
    {
        var script = Script();
        script.Start();

        var step = script.Next([[0x6A, 0x82]]);

        Assert.Equal(ScriptStepKind.Failed, step.Kind);
        Assert.Empty(step.Apdus);
    }

    [Fact]
    public void PersonalizationScript_BadCardData_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Script(Card() with { Expiry = "2029-13" }));
        Assert.Throws<ArgumentException>(() => Script(Card() with { CardNumber = "4111-1111" }));
        Assert.Throws<ArgumentException>(() => Script(Card() with { PaymentKey = new byte[8] }));
        Assert.Throws<ArgumentException>(() => new PersonalizationScript(KeysA, new byte[9], Card()));
    }

    [Fact]
    public void PersonalizationScript_GivenHostChallenge_IsDeterministic()
    {
        var challenge = Hex.Parse("0102030405060708");

        var a = new PersonalizationScript(KeysA, KddA, Card(), hostChallenge: challenge).Start();
        var b = new PersonalizationScript(KeysA, KddA, Card(), hostChallenge: challenge).Start();

        Assert.Equal("80503000080102030405060708" + "00", Hex.Format(a.Apdus[1]));
        Assert.Equal(a.Apdus, b.Apdus);
    }
}
