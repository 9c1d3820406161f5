using WalletGateway.SecureChannel;
using static WalletGateway.SecureChannel.Tests.TestChips;

namespace WalletGateway.SecureChannel.Tests;

/// <summary>A bit flipped in any command or response: the card refuses and closes, the script fails.</summary>
public sealed class TamperingTests
{
    private const int BlockLength = 40;

    public static TheoryData<int> ApduIndexes()
    {
        var script = Script(batch: 1, blockLength: BlockLength);
        script.Start();
        var data = new TheoryData<int>();
        for (int i = 0; i < 4 + script.StoreDataBlockCount; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ApduIndexes))]
    public void Script_BitFlippedInCommand_CardRefusesAndClosesAndScriptFails(int index)
    {
        var lengths = CommandLengths();
        foreach (int position in Positions(lengths[index], withLe: index < 2))
        {
            var chip = ChipA();
            var script = Script(batch: 1, blockLength: BlockLength);
            byte[]? original = null;
            byte[]? answer = null;

            var step = Run(script, chip, (batch, apdus) =>
            {
                if (batch != index)
                {
                    return Relay(chip, apdus);
                }

                original = apdus[0];
                var responses = Relay(chip, [Flip(apdus[0], position, position % 8)]);
                answer = responses[0];
                return responses;
            });

            Assert.Equal(ScriptStepKind.Failed, step.Kind);
            Assert.Equal(ScriptState.Failed, script.State);
            Assert.NotNull(step.FailureReason);
            Assert.Empty(chip.Cards);
            if (index >= 2)
            {
                // The card answered the tampered command with a bare error and closed the channel: the exact
                // command it would have accepted is now refused too.
                Assert.Equal(2, answer!.Length);
                AssertRefused(chip.Transmit(original!));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ApduIndexes))]
    public void Script_BitFlippedInResponse_ScriptFails(int index)
    {
        var lengths = ResponseLengths();
        int last = lengths.Length - 1;

        // SELECT's data is not secured (any data is accepted): only its status word is checked.
        var positions = index == 0 ? [lengths[0] - 2, lengths[0] - 1] : Positions(lengths[index], withLe: false).Append(lengths[index] - 1);
        foreach (int position in positions.Distinct())
        {
            var chip = ChipA();
            var script = Script(batch: 1, blockLength: BlockLength);

            var step = Run(script, chip, (batch, apdus) =>
            {
                var responses = Relay(chip, apdus);
                if (batch == index)
                {
                    responses[0] = Flip(responses[0], position, (position + 3) % 8);
                }

                return responses;
            });

            Assert.Equal(ScriptStepKind.Failed, step.Kind);
            Assert.Throws<InvalidOperationException>(() => script.Next([[0x90, 0x00]]));
            if (index < last)
            {
                Assert.Empty(chip.Cards);
            }
        }
    }

    private static int[] CommandLengths()
    {
        var lengths = new List<int>();
        var chip = ChipA();
        Run(Script(batch: 1, blockLength: BlockLength), chip, (_, apdus) =>
        {
            lengths.Add(apdus[0].Length);
            return Relay(chip, apdus);
        });
        return [.. lengths];
    }

    private static int[] ResponseLengths()
    {
        var lengths = new List<int>();
        var chip = ChipA();
        Run(Script(batch: 1, blockLength: BlockLength), chip, (_, apdus) =>
        {
            var responses = Relay(chip, apdus);
            lengths.Add(responses[0].Length);
            return responses;
        });
        return [.. lengths];
    }

    /// <summary>Header bytes, Lc, first, middle and last data bytes; not a trailing Le (its value is free).</summary>
    private static IEnumerable<int> Positions(int length, bool withLe)
    {
        int end = withLe ? length - 1 : length;
        return new[] { 0, 1, 2, 3, 4, 5, end / 2, end - 2, end - 1 }.Where(p => p >= 0 && p < end).Distinct();
    }

    internal static void AssertRefused(byte[] response)
    {
        Assert.Equal(2, response.Length);
        Assert.NotEqual("9000", Hex.Format(response));
    }
}
