using WalletGateway.SecureChannel;
using static WalletGateway.SecureChannel.Tests.TamperingTests;
using static WalletGateway.SecureChannel.Tests.TestChips;

namespace WalletGateway.SecureChannel.Tests;

/// <summary>STORE DATA blocks reordered, dropped or replayed, a wrong chain, an out-of-order block number.</summary>
public sealed class BlockOrderTests
{
    // Batch 2 is EA, INSTALL, then the blocks: block k is at position 2 + k.
    private const int Block0 = 2;

    [Theory]
    [InlineData("swap")]
    [InlineData("drop")]
    [InlineData("replay")]
    [InlineData("replay-earlier")]
    public void Script_TamperedBlockSequence_CardRefusesAndClosesAndScriptFails(string tampering)
    {
        var chip = ChipA();
        var script = Script(batch: 1000, blockLength: 8);
        byte[]? expectedNext = null;

        var step = Run(script, chip, (batch, apdus) =>
        {
            if (batch != 1)
            {
                return Relay(chip, apdus);
            }

            var sent = apdus.ToList();
            switch (tampering)
            {
                case "swap":
                    (sent[Block0], sent[Block0 + 1]) = (sent[Block0 + 1], sent[Block0]);
                    expectedNext = apdus[Block0];
                    break;
                case "drop":
                    sent.RemoveAt(Block0 + 1);
                    expectedNext = apdus[Block0 + 1];
                    break;
                case "replay":
                    sent.Insert(Block0 + 1, apdus[Block0]);
                    expectedNext = apdus[Block0 + 1];
                    break;
                default:
                    sent.Insert(Block0 + 2, apdus[Block0]);
                    expectedNext = apdus[Block0 + 2];
                    break;
            }

            return Relay(chip, sent);
        });

        Assert.Equal(ScriptStepKind.Failed, step.Kind);
        Assert.Empty(chip.Cards);
        AssertRefused(chip.Transmit(expectedNext!));
    }

    [Fact]
    public void Script_LastBlockDropped_ThrowsScriptInputAndStoresNothing()
    {
        var chip = ChipA();
        var script = Script(batch: 1000, blockLength: 8);
        var first = script.Start();
        var second = script.Next(Relay(chip, first.Apdus));

        var responses = Relay(chip, second.Apdus.Take(second.Apdus.Count - 1).ToList());

        Assert.Throws<ScriptInputException>(() => script.Next(responses));
        Assert.Equal(ScriptState.AwaitingResponses, script.State);
        Assert.Empty(chip.Cards);
    }

    [Fact]
    public void SoftSecureElement_ValidMacButBlockNumberSkipped_Answers6982AndCloses()
    {
        var chip = ChipA();
        using var host = OpenHost(chip);
        Install(chip, host);
        var dgis = EncodedDgis();

        var skipped = host.Wrap(new CommandApdu(0x80, 0xE2, 0x08, 0x01, dgis.AsSpan(0, 10)));
        Assert.Equal("6982", Hex.Format(chip.Transmit(skipped.Apdu)));

        AssertRefused(chip.Transmit(host.Wrap(new CommandApdu(0x80, 0xE2, 0x08, 0x00, dgis.AsSpan(0, 10))).Apdu));
    }

    [Fact]
    public void SoftSecureElement_WrongChain_Answers6982AndCloses()
    {
        var chip = ChipA();
        using var host = OpenHost(chip);
        var install = InstallCommand();
        var first = host.Wrap(install);
        var second = host.Wrap(install);

        Assert.Equal("6982", Hex.Format(chip.Transmit(second.Apdu)));
        AssertRefused(chip.Transmit(first.Apdu));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SoftSecureElement_EncryptionFlagNotMatchingBlock_RefusesAndCloses(bool sensitiveBlock)
    {
        var chip = ChipA();
        using var host = OpenHost(chip);
        Install(chip, host);
        var dgis = PaymentPersonalization.PlaintextDgis(Card());
        var record = dgis[0].Encode();
        var key = new Dgi(0x8010, PaymentPersonalization.EncryptWithDek(KeysA.Dek, dgis[1].Value)).Encode();

        // A block with the encrypted key but no 60 in P1, or one with the card record only and 60 set.
        var command = sensitiveBlock
            ? new CommandApdu(0x80, 0xE2, 0x08, 0x00, [.. record, .. key])
            : new CommandApdu(0x80, 0xE2, 0x68, 0x00, record);
        Assert.Equal("6A86", Hex.Format(chip.Transmit(host.Wrap(command).Apdu)));

        AssertRefused(chip.Transmit(host.Wrap(new CommandApdu(0x80, 0xE2, 0x08, 0x00, record)).Apdu));
    }

    [Fact]
    public void SoftSecureElement_WrongCheckValue_Answers6A80AndStoresNothing()
    {
        var chip = ChipA();
        using var host = OpenHost(chip);
        Install(chip, host);
        var dgis = PaymentPersonalization.PlaintextDgis(Card());
        byte[] data =
        [
            .. dgis[0].Encode(),
            .. new Dgi(0x8010, PaymentPersonalization.EncryptWithDek(KeysA.Dek, dgis[1].Value)).Encode(),
            .. new Dgi(0x9010, [0x00, 0x00, 0x00]).Encode(),
        ];

        Assert.Equal("6A80", Hex.Format(chip.Transmit(host.Wrap(new CommandApdu(0x80, 0xE2, 0xE9, 0x00, data)).Apdu)));
        Assert.Empty(chip.Cards);
    }

    [Fact]
    public void SoftSecureElement_BlocksSplitInsideHeaders_AcceptsEitherFlagOnHeaderOnlyBlocks()
    {
        // An independent host may split a DGI anywhere, and flag a block holding only an 8xxx header either way.
        var chip = ChipA();
        using var host = OpenHost(chip);
        Install(chip, host);
        var dgis = PaymentPersonalization.PlaintextDgis(Card());
        var record = dgis[0].Encode();
        var key = new Dgi(0x8010, PaymentPersonalization.EncryptWithDek(KeysA.Dek, dgis[1].Value)).Encode();
        var check = dgis[2].Encode();

        string[] answers =
        [
            Transmit(chip, host, 0x08, 0, [.. record, key[0]]),
            Transmit(chip, host, 0x68, 1, key.AsSpan(1, 2)),
            Transmit(chip, host, 0x68, 2, key.AsSpan(3)),
            Transmit(chip, host, 0x89, 3, check),
        ];

        Assert.Equal(["9000", "9000", "9000", "9000"], answers);
        var stored = Assert.Single(chip.Cards);
        Assert.Equal(Hex.Format(PaymentPersonalization.Receipt(dgis)), stored.Receipt);
    }

    private static string Transmit(SecureElement.SoftSecureElement chip, HostSecureChannel host, byte p1, byte p2, ReadOnlySpan<byte> data)
    {
        var wrapped = host.Wrap(new CommandApdu(0x80, 0xE2, p1, p2, data));
        var response = host.Unwrap(wrapped, ResponseApdu.Parse(chip.Transmit(wrapped.Apdu)));
        return Hex.Format([response.Sw1, response.Sw2]);
    }

    internal static HostSecureChannel OpenHost(SecureElement.SoftSecureElement chip)
    {
        var host = new HostSecureChannel(KeysA, KddA);
        var ea = host.Authenticate(ResponseApdu.Parse(chip.Transmit(host.InitializeUpdate().ToBytes())));
        host.CompleteAuthentication(ResponseApdu.Parse(chip.Transmit(ea.ToBytes())));
        return host;
    }

    internal static CommandApdu InstallCommand() =>
        new(0x80, 0xE6, 0x20, 0x00, Hex.Parse("000008A0000000031010AA000000"));

    private static void Install(SecureElement.SoftSecureElement chip, HostSecureChannel host)
    {
        var wrapped = host.Wrap(InstallCommand());
        Assert.True(host.Unwrap(wrapped, ResponseApdu.Parse(chip.Transmit(wrapped.Apdu))).IsSuccess);
    }

    private static byte[] EncodedDgis() => [.. PaymentPersonalization.PlaintextDgis(Card()).SelectMany(d => d.Encode())];
}
