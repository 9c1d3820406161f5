using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using static WalletGateway.SecureChannel.Tests.TestChips;

namespace WalletGateway.SecureChannel.Tests;

public sealed class RoundTripTests
{
    [Theory]
    [InlineData(1, 239)]
    [InlineData(2, 239)]
    [InlineData(3, 239)]
    [InlineData(16, 239)]
    [InlineData(1000, 239)]
    [InlineData(1, 16)]
    [InlineData(4, 7)]
    [InlineData(5, 1)]
    [InlineData(1000, 2)]
    public void Script_BatchSizeAndBlockLength_StoresCardWithVerifiedReceipt(int batch, int blockLength)
    {
        var chip = ChipA();
        var card = Card();
        var script = Script(card, batch, blockLength);

        var step = Run(script, chip, (_, apdus) =>
        {
            Assert.InRange(apdus.Count, 1, batch);
            return Relay(chip, apdus);
        });

        Assert.Equal(ScriptStepKind.Done, step.Kind);
        Assert.Equal(ScriptState.Done, script.State);
        Assert.Equal(0, script.PendingApduCount);
        var stored = Assert.Single(chip.Cards);
        Assert.Equal(Hex.Format(script.Receipt!), stored.Receipt);
        Assert.Equal(new StoredCard("card-0001", "issuer-demo", "4111111111111111", "2029-02", "ADA LOVELACE",
            Hex.Format(ChipKeys.CheckValue(card.PaymentKey)), stored.Receipt), stored);
        Assert.Equal("1111", stored.Last4);
        Assert.Equal(1, chip.SequenceCounter);
    }

    [Fact]
    public void Script_Start_FirstBatchIsSelectAndInitializeUpdateOnly()
    {
        var step = Script(batch: 16).Start();

        Assert.Equal(2, step.Apdus.Count);
        Assert.Equal("00A4040008A00000015100000000", Hex.Format(step.Apdus[0]));
        Assert.StartsWith("8050300008", Hex.Format(step.Apdus[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void Script_SecondBatch_StartsWithExternalAuthenticateAtLevel33()
    {
        var chip = ChipA();
        var script = Script(batch: 16, blockLength: 3);
        var first = script.Start();

        var second = script.Next(Relay(chip, first.Apdus));

        Assert.Equal(16, second.Apdus.Count);
        Assert.Equal(16, script.PendingApduCount);
        Assert.StartsWith("8482330010", Hex.Format(second.Apdus[0]), StringComparison.Ordinal);
        Assert.StartsWith("84E62000", Hex.Format(second.Apdus[1]), StringComparison.Ordinal);
        Assert.StartsWith("84E2", Hex.Format(second.Apdus[2]), StringComparison.Ordinal);
    }

    [Fact]
    public void SoftSecureElement_SeveralCards_KeepsEachAndReplacesSameCardId()
    {
        var chip = ChipA();

        Assert.Equal(ScriptStepKind.Done, Run(Script(Card("card-1")), chip).Kind);
        Assert.Equal(ScriptStepKind.Done, Run(Script(Card("card-2")), chip).Kind);
        Assert.Equal(ScriptStepKind.Done, Run(Script(Card("card-1", "GRACE HOPPER")), chip).Kind);

        Assert.Equal(["card-1", "card-2"], chip.Cards.Select(c => c.CardId));
        Assert.Equal("GRACE HOPPER", chip.Cards[0].CardholderName);
        Assert.Equal(3, chip.SequenceCounter);
    }

    [Fact]
    public void SoftSecureElement_SaveThenLoad_KeepsCardsKeysAndSequenceCounter()
    {
        var path = Path.Combine(Path.GetTempPath(), $"se-{Guid.NewGuid():N}", "phone.json");
        try
        {
            var chip = ChipA();
            Run(Script(Card("card-1")), chip);
            Run(Script(Card("card-2")), chip);

            chip.Save(path);
            chip.Save(path);
            var loaded = SoftSecureElement.Load(path);

            Assert.Equal(chip.ChipId, loaded.ChipId);
            Assert.Equal(chip.Cards, loaded.Cards);
            Assert.Equal(2, loaded.SequenceCounter);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
            Assert.Equal(ScriptStepKind.Done, Run(Script(Card("card-3")), loaded).Kind);
            Assert.Equal(3, loaded.SequenceCounter);
            Assert.Equal(3, loaded.Cards.Count);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void SoftSecureElementLoad_DamagedFile_ThrowsInvalidDataException()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"FormatVersion\":1}");
            Assert.Throws<InvalidDataException>(() => SoftSecureElement.Load(path));
            File.WriteAllText(path, "not json");
            Assert.Throws<InvalidDataException>(() => SoftSecureElement.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SoftSecureElement_Create_ChipIdIsKddAndKeysAreDiversified()
    {
        var chip = SoftSecureElement.CreateRandom(MasterKey);
        var kdd = Hex.Parse(chip.ChipId);

        Assert.Matches("^[0-9A-F]{20}$", chip.ChipId);
        var script = new PersonalizationScript(ChipKeys.Derive(MasterKey, kdd), kdd, Card());
        Assert.Equal(ScriptStepKind.Done, Run(script, chip).Kind);
    }

    [Fact]
    public void PaymentPersonalization_CardRecord_RoundTripsWithLastDayOfMonth()
    {
        var record = PaymentPersonalization.EncodeCardRecord(Card() with { CardNumber = "411111111111111", Expiry = "2028-02" });

        Assert.Contains("5A08411111111111111F", Hex.Format(record), StringComparison.Ordinal);
        Assert.Contains("5F2403280229", Hex.Format(record), StringComparison.Ordinal);
        Assert.True(PaymentPersonalization.TryDecodeCardRecord(record, out var decoded));
        Assert.Equal(new CardRecord("411111111111111", "2028-02", "ADA LOVELACE", "issuer-demo", "card-0001"), decoded);
    }

    [Fact]
    public void Dgi_LongValue_UsesFfLengthAndParsesBack()
    {
        var dgis = new[] { new Dgi(0x0101, new byte[300]), new Dgi(0x8010, new byte[16]) };
        var stream = dgis.SelectMany(d => d.Encode()).ToArray();

        Assert.Equal("0101FF012C", Hex.Format(stream.AsSpan(0, 5)));
        var parsed = Dgi.ParseAll(stream);
        Assert.Equal([0x0101, 0x8010], parsed.Select(d => (int)d.Tag));
        Assert.Equal(300, parsed[0].Value.Length);
    }
}
