using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using static WalletGateway.SecureChannel.Tests.TestChips;

namespace WalletGateway.SecureChannel.Tests;

/// <summary>The removal script (DGI 0F01, answer DF71) against the software secure element and dishonest cards.</summary>
public sealed class RemovalScriptTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    public void Removal_CardOnChip_RemovesItAndVerifiesOutcome01(int batch)
    {
        var chip = ChipA();
        Assert.Equal(ScriptStepKind.Done, Run(Script(Card("card-1")), chip).Kind);
        var script = Removal("card-1", batch);

        var step = Run(script, chip, (_, apdus) =>
        {
            Assert.InRange(apdus.Count, 1, batch);
            return Relay(chip, apdus);
        });

        Assert.Equal(ScriptStepKind.Done, step.Kind);
        Assert.Equal(ScriptState.Done, script.State);
        Assert.True(script.Removed);
        Assert.True(script.ChipAuthenticated);
        Assert.True(script.FinalBlockSent);
        Assert.Equal(1, script.StoreDataBlockCount);
        Assert.Empty(chip.Cards);
    }

    [Fact]
    public void Removal_CardNotOnChip_VerifiesOutcome00AndChangesNothing()
    {
        var chip = ChipA();
        Assert.Equal(ScriptStepKind.Done, Run(Script(Card("card-2")), chip).Kind);
        var script = Removal("card-1");

        var step = Run(script, chip);

        Assert.Equal(ScriptStepKind.Done, step.Kind);
        Assert.False(script.Removed);
        Assert.Equal(["card-2"], chip.Cards.Select(c => c.CardId));
    }

    [Fact]
    public void Removal_TwoCardsOnChip_LeavesTheOtherUntouched()
    {
        var chip = ChipA();
        Assert.Equal(ScriptStepKind.Done, Run(Script(Card("card-1")), chip).Kind);
        Assert.Equal(ScriptStepKind.Done, Run(Script(Card("card-2", "GRACE HOPPER")), chip).Kind);
        var before = chip.Cards[1];

        Assert.Equal(ScriptStepKind.Done, Run(Removal("card-1"), chip).Kind);

        Assert.Equal(before, Assert.Single(chip.Cards));
        Assert.Equal(ScriptStepKind.Done, Run(Script(Card("card-1")), chip).Kind);
        Assert.Equal(["card-2", "card-1"], chip.Cards.Select(c => c.CardId));
    }

    [Fact]
    public void Removal_SavedAndLoaded_TheChipStaysWithoutTheCard()
    {
        var chip = ChipA();
        Assert.Equal(ScriptStepKind.Done, Run(Script(Card("card-1")), chip).Kind);
        Assert.Equal(ScriptStepKind.Done, Run(Removal("card-1"), chip).Kind);
        var path = Path.Combine(Path.GetTempPath(), $"removal-{Guid.NewGuid():N}.json");
        try
        {
            chip.Save(path);

            Assert.Empty(SoftSecureElement.Load(path).Cards);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Removal_StoreData_IsOneBlockP1_89WithDgi0F01()
    {
        var script = Removal("card-1");
        var chip = ChipA();
        var step = script.Start();
        step = script.Next(Relay(chip, step.Apdus));

        // EXTERNAL AUTHENTICATE, INSTALL, then the one STORE DATA: secured class, INS E2, P1 89, P2 00.
        Assert.Equal(3, step.Apdus.Count);
        Assert.StartsWith("84E28900", Hex.Format(step.Apdus[2]), StringComparison.Ordinal);
        Assert.Equal("0F0109DF0106636172642D31", Hex.Format(PaymentRemoval.Request("card-1").Encode()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Removal_BitFlippedInAnyResponse_FailsWithoutOutcome(int index)
    {
        int length = ResponseLengths()[index];
        int[] positions = index == 0 ? [length - 2, length - 1] : [0, length / 2, length - 3, length - 2, length - 1];
        foreach (int position in positions.Where(p => p >= 0).Distinct())
        {
            var chip = ChipA();
            Assert.Equal(ScriptStepKind.Done, Run(Script(Card("card-1")), chip).Kind);
            var script = Removal("card-1", batch: 1);

            var step = Run(script, chip, (batch, apdus) =>
            {
                var responses = Relay(chip, apdus);
                if (batch == index)
                {
                    responses[0] = Flip(responses[0], position, (position + 5) % 8);
                }

                return responses;
            });

            Assert.Equal(ScriptStepKind.Failed, step.Kind);
            Assert.Null(script.Removed);
        }
    }

    [Theory]
    [InlineData("digest")]
    [InlineData("outcome")]
    [InlineData("other-card")]
    [InlineData("status")]
    [InlineData("missing")]
    [InlineData("receipt-tag")]
    public void Removal_DishonestCardWithValidMac_Fails(string lie)
    {
        var card = new RemovalCard(lie);
        var script = Removal("card-1", batch: 2);

        var step = RunOn(script, card.Transmit);

        Assert.Equal(ScriptStepKind.Failed, step.Kind);
        Assert.Equal(ScriptState.Failed, script.State);
        Assert.Null(script.Removed);
    }

    [Theory]
    [InlineData("honest-01", true)]
    [InlineData("honest-00", false)]
    public void Removal_HonestFakeCard_IsDoneWithItsOutcome(string kind, bool removed)
    {
        var card = new RemovalCard(kind);
        var script = Removal("card-1", batch: 2);

        var step = RunOn(script, card.Transmit);

        Assert.Equal(ScriptStepKind.Done, step.Kind);
        Assert.Equal(removed, script.Removed);
    }

    [Fact]
    public void Personalization_WithRemovalDgiAppended_IsRefusedAndStoresNothing()
    {
        var chip = ChipA();
        var stream = PaymentPersonalization.PlaintextDgis(Card("card-1")).Append(PaymentRemoval.Request("card-1")).ToList();
        var commands = PersonalizationCommands.StoreData(stream, KeysA.Dek, PersonalizationScript.MaxBlockPlaintext);
        var channel = new HostSecureChannel(KeysA, KddA);
        Assert.True(ResponseApdu.Parse(chip.Transmit(PersonalizationCommands.SelectIsd().ToBytes())).IsSuccess);
        var ea = channel.Authenticate(ResponseApdu.Parse(chip.Transmit(channel.InitializeUpdate().ToBytes())));
        channel.CompleteAuthentication(ResponseApdu.Parse(chip.Transmit(ea.ToBytes())));
        var install = channel.Wrap(PersonalizationCommands.InstallForPersonalization());
        Assert.True(channel.Unwrap(install, ResponseApdu.Parse(chip.Transmit(install.Apdu))).IsSuccess);

        var last = chip.Transmit(channel.Wrap(commands[^1]).Apdu);

        Assert.Equal(Hex.Format(ResponseApdu.Encode(default, StatusWords.WrongData)), Hex.Format(last));
        Assert.Empty(chip.Cards);
    }

    private static ScriptStep RunOn(ChannelScript script, Func<byte[], byte[]> transmit)
    {
        var step = script.Start();
        while (step.Kind == ScriptStepKind.SendApdus)
        {
            step = script.Next([.. step.Apdus.Select(transmit)]);
        }

        return step;
    }

    private static int[] ResponseLengths()
    {
        var lengths = new List<int>();
        var chip = ChipA();
        Run(Script(Card("card-1")), chip);
        Run(Removal("card-1", batch: 1), chip, (_, apdus) =>
        {
            var responses = Relay(chip, apdus);
            lengths.Add(responses[0].Length);
            return responses;
        });
        return [.. lengths];
    }

    /// <summary>A card that runs SCP03 correctly and MACs whatever removal answer it was told to give.</summary>
    private sealed class RemovalCard(string answer)
    {
        private CardSecureChannel? _channel;

        public byte[] Transmit(byte[] apdu)
        {
            var command = CommandApdu.Parse(apdu);
            switch (command.Ins)
            {
                case Instructions.Select:
                    return [0x90, 0x00];
                case Instructions.InitializeUpdate:
                    var challenge = Scp03.PseudoRandomCardChallenge(KeysA.Enc, 9, Scp03.IsdAid);
                    _channel = CardSecureChannel.Open(KeysA, KddA, command.Data, challenge, 9);
                    return [.. _channel.InitializeUpdateResponseData, 0x90, 0x00];
                case Instructions.ExternalAuthenticate:
                    return ResponseApdu.Encode(default, _channel!.Authenticate(command));
            }

            Assert.True(_channel!.TryUnwrap(command, out var plain));
            if (plain.Ins != Instructions.StoreData)
            {
                return _channel.WrapResponse(default, StatusWords.Success);
            }

            var received = Assert.Single(Dgi.ParseAll(plain.Data));
            var digest = PaymentRemoval.Digest(received);
            return answer switch
            {
                "honest-01" => _channel.WrapResponse(PaymentRemoval.Answer(PaymentRemoval.Removed, digest), StatusWords.Success),
                "honest-00" => _channel.WrapResponse(PaymentRemoval.Answer(PaymentRemoval.Absent, digest), StatusWords.Success),
                "digest" => _channel.WrapResponse(PaymentRemoval.Answer(PaymentRemoval.Removed, Flip(digest, 0, 0)), StatusWords.Success),
                "outcome" => _channel.WrapResponse(PaymentRemoval.Answer(0x02, digest), StatusWords.Success),
                "other-card" => _channel.WrapResponse(
                    PaymentRemoval.Answer(PaymentRemoval.Removed, PaymentRemoval.Digest(PaymentRemoval.Request("card-2"))), StatusWords.Success),
                "status" => _channel.WrapResponse(PaymentRemoval.Answer(PaymentRemoval.Removed, digest), 0x6200),
                "missing" => _channel.WrapResponse(default, StatusWords.Success),
                "receipt-tag" => _channel.WrapResponse(PaymentPersonalization.ReceiptResponse(digest), StatusWords.Success),
                _ => throw new ArgumentOutOfRangeException(nameof(answer)),
            };
        }
    }
}
