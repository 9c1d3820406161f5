using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using static WalletGateway.SecureChannel.Tests.TestChips;

namespace WalletGateway.SecureChannel.Tests;

/// <summary>Malformed or unexpected APDUs: the chip answers a status word, never an exception.</summary>
public sealed class SecureElementInputTests
{
    [Theory]
    [InlineData("", "6700")]
    [InlineData("00", "6700")]
    [InlineData("80E200", "6700")]
    [InlineData("80E2000000000101", "6700")]
    [InlineData("8050300007010203040506070800", "6700")]
    [InlineData("805030000401020304", "6700")]
    [InlineData("80503100080102030405060708", "6A88")]
    [InlineData("00A4040008A00000015100000100", "6A82")]
    [InlineData("00A4000008A00000015100000000", "6A86")]
    [InlineData("A0A4040000", "6E00")]
    [InlineData("80FF0000", "6D00")]
    [InlineData("80E2000003010203", "6982")]
    [InlineData("84E200000B0102030405060708090A0B", "6982")]
    [InlineData("84823300100102030405060708090A0B0C0D0E0F10", "6985")]
    public void SoftSecureElementTransmit_UnexpectedApdu_AnswersStatusWord(string apdu, string statusWord)
    {
        var chip = ChipA();

        Assert.Equal(statusWord, Hex.Format(chip.Transmit(Hex.Parse(apdu))));
    }

    [Fact]
    public void SoftSecureElementTransmit_RandomBytes_NeverThrows()
    {
        var chip = ChipA();
        var random = new Random(42);
        for (int i = 0; i < 2000; i++)
        {
            var apdu = new byte[random.Next(0, 40)];
            random.NextBytes(apdu);
            if (apdu.Length > 1 && i % 2 == 0)
            {
                apdu[0] = (byte)(i % 4 == 0 ? 0x80 : 0x84);
            }

            var response = chip.Transmit(apdu);
            Assert.True(response.Length >= 2);
        }

        Assert.Equal(ScriptStepKind.Done, Run(Script(), chip).Kind);
    }

    [Fact]
    public void SoftSecureElement_SelectDuringSession_ClosesChannel()
    {
        var chip = ChipA();
        using var host = BlockOrderTests.OpenHost(chip);
        Assert.Equal("9000", Hex.Format(chip.Transmit(Hex.Parse("00A4040008A00000015100000000"))[^2..]));

        Assert.Equal("6982", Hex.Format(chip.Transmit(host.Wrap(BlockOrderTests.InstallCommand()).Apdu)));
    }

    [Fact]
    public void SoftSecureElement_InitializeUpdate_IncrementsSequenceCounterAndUsesPseudoRandomChallenge()
    {
        var chip = ChipA();

        var first = chip.Transmit(Hex.Parse("80503000080102030405060708"));
        var second = chip.Transmit(Hex.Parse("8050300008010203040506070800"));

        Assert.Equal(2, chip.SequenceCounter);
        Assert.Equal("000001", Hex.Format(first.AsSpan(29, 3)));
        Assert.Equal("000002", Hex.Format(second.AsSpan(29, 3)));
        Assert.Equal(Hex.Format(Scp03.PseudoRandomCardChallenge(KeysA.Enc, 2, Scp03.IsdAid)), Hex.Format(second.AsSpan(13, 8)));
        Assert.Equal("300370", Hex.Format(second.AsSpan(10, 3)));
    }

    [Fact]
    public void SoftSecureElement_ConcurrentPersonalizations_EachEndsDoneOrFailedAndNothingThrows()
    {
        var chip = ChipA();
        var steps = Enumerable.Range(0, 8).AsParallel().Select(i => Run(Script(Card($"card-{i}"), batch: 1), chip).Kind).ToList();

        Assert.All(steps, kind => Assert.True(kind is ScriptStepKind.Done or ScriptStepKind.Failed));
        Assert.Equal(steps.Count(k => k == ScriptStepKind.Done), chip.Cards.Count);
    }
}
