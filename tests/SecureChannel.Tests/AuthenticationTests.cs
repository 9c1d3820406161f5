using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using static WalletGateway.SecureChannel.Tests.TamperingTests;
using static WalletGateway.SecureChannel.Tests.TestChips;

namespace WalletGateway.SecureChannel.Tests;

/// <summary>Wrong chip, wrong keys, bad host cryptogram, the failure counter and the lock, error status words.</summary>
public sealed class AuthenticationTests
{
    [Fact]
    public void Script_InitializeUpdateAnsweredByAnotherChip_FailsAndChipBStaysClosed()
    {
        var chipB = SoftSecureElement.Create(MasterKey, KddB);
        var script = Script();

        var step = Run(script, chipB);

        Assert.Equal(ScriptStepKind.Failed, step.Kind);
        Assert.Contains("KDD", step.FailureReason, StringComparison.Ordinal);
        Assert.Empty(chipB.Cards);
        AssertRefused(chipB.Transmit(BlockOrderTests.InstallCommand().ToBytes()));
    }

    [Fact]
    public void Script_ChipWithSameKddButOtherKeys_FailsBeforeSendingAnythingSecured()
    {
        var impostor = SoftSecureElement.Create(Hex.Parse("FFEEDDCCBBAA99887766554433221100"), KddA);
        var sent = new List<byte[]>();

        var step = Run(Script(), impostor, (_, apdus) =>
        {
            sent.AddRange(apdus);
            return Relay(impostor, apdus);
        });

        Assert.Equal(ScriptStepKind.Failed, step.Kind);
        Assert.Equal(2, sent.Count);
        Assert.Equal(0, impostor.FailedAuthentications);
    }

    [Fact]
    public void Script_HostCryptogramRefused_FailsAndCardCountsFailure()
    {
        var chip = ChipA();
        byte[]? ea = null;

        var step = Run(Script(batch: 1), chip, (batch, apdus) =>
        {
            if (batch != 2)
            {
                return Relay(chip, apdus);
            }

            ea = apdus[0];
            return Relay(chip, [Flip(apdus[0], 5, 0)]);
        });

        Assert.Equal(ScriptStepKind.Failed, step.Kind);
        Assert.Equal(1, chip.FailedAuthentications);
        Assert.Equal("6985", Hex.Format(chip.Transmit(ea!)));
    }

    [Fact]
    public void SoftSecureElement_TenBadHostCryptograms_LocksAndAnswers6983()
    {
        var chip = ChipA();
        for (int i = 0; i < SoftSecureElement.MaxFailedAuthentications; i++)
        {
            Assert.False(chip.IsLocked);
            var host = new HostSecureChannel(KeysA, KddA);
            var ea = host.Authenticate(ResponseApdu.Parse(chip.Transmit(host.InitializeUpdate().ToBytes())));
            Assert.Equal("6300", Hex.Format(chip.Transmit(Flip(ea.ToBytes(), 12, 7))));
        }

        Assert.True(chip.IsLocked);
        var step = Run(Script(), chip);
        Assert.Equal(ScriptStepKind.Failed, step.Kind);
        Assert.Contains("6983", step.FailureReason, StringComparison.Ordinal);
        Assert.Equal("6983", Hex.Format(chip.Transmit(Hex.Parse("84823300108C36F96BCC00724A4E13AD591D7DA3F0"))));
    }

    [Fact]
    public void SoftSecureElement_SuccessfulAuthentication_ResetsFailureCounter()
    {
        var chip = ChipA();
        var host = new HostSecureChannel(KeysA, KddA);
        var ea = host.Authenticate(ResponseApdu.Parse(chip.Transmit(host.InitializeUpdate().ToBytes())));
        chip.Transmit(Flip(ea.ToBytes(), 5, 1));
        Assert.Equal(1, chip.FailedAuthentications);

        Assert.Equal(ScriptStepKind.Done, Run(Script(), chip).Kind);

        Assert.Equal(0, chip.FailedAuthentications);
    }

    [Fact]
    public void SoftSecureElement_SecureCommandAtLevelBelow33_RefusesPersonalization()
    {
        var chip = ChipA();
        using var host = new HostSecureChannel(KeysA, KddA, securityLevel: 0x13);
        var ea = host.Authenticate(ResponseApdu.Parse(chip.Transmit(host.InitializeUpdate().ToBytes())));
        Assert.Equal("9000", Hex.Format(chip.Transmit(ea.ToBytes())));

        Assert.Equal("6982", Hex.Format(chip.Transmit(host.Wrap(BlockOrderTests.InstallCommand()).Apdu)));
    }

    [Theory]
    [InlineData(1, "6A80")]
    [InlineData(2, "6985")]
    [InlineData(3, "6A84")]
    public void Script_ErrorStatusWordMidScript_Fails(int position, string statusWord)
    {
        var chip = ChipA();
        var script = Script(batch: 1000, blockLength: 8);

        var step = Run(script, chip, (batch, apdus) =>
        {
            var responses = Relay(chip, apdus);
            if (batch == 1)
            {
                responses = [.. responses.Take(position), Hex.Parse(statusWord)];
            }

            return responses;
        });

        Assert.Equal(ScriptStepKind.Failed, step.Kind);
        Assert.Contains(statusWord, step.FailureReason, StringComparison.Ordinal);
        Assert.Equal(ScriptState.Failed, script.State);
    }
}
