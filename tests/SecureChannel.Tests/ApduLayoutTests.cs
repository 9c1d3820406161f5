using WalletGateway.SecureChannel;

namespace WalletGateway.SecureChannel.Tests;

/// <summary>The command and response layouts that the host builds and the card reads, checked against the profile's bytes.</summary>
public sealed class ApduLayoutTests
{
    [Theory]
    [InlineData(false, false, 0x08)]
    [InlineData(true, false, 0x68)]
    [InlineData(false, true, 0x89)]
    [InlineData(true, true, 0xE9)]
    public void StoreDataP1For_EncryptedAndLast_MatchesProfileBits(bool encrypted, bool last, byte expected)
    {
        var p1 = StoreDataP1.For(encrypted, last);

        Assert.Equal(expected, p1);
        Assert.True(StoreDataP1.IsValid(p1));
        Assert.Equal(encrypted, StoreDataP1.IsEncrypted(p1));
        Assert.Equal(last, StoreDataP1.IsLastBlock(p1));
    }

    [Theory]
    [InlineData(0x10)]
    [InlineData(0x00)]
    [InlineData(0x28)]
    [InlineData(0x48)]
    public void StoreDataP1IsValid_OtherFormatOrEncryption_IsFalse(byte p1) =>
        Assert.False(StoreDataP1.IsValid(p1));

    [Fact]
    public void InstallForPersonalization_ProfileBytes_CardReadsThePaymentAppletAid()
    {
        var install = PersonalizationCommands.InstallForPersonalization();

        Assert.Equal("80E620000E000008A0000000031010AA000000", Hex.Format(install.ToBytes()));
        Assert.True(PersonalizationCommands.TryReadInstallAid(install.Data, out var aid));
        Assert.Equal(Hex.Format(Scp03.PaymentAppletAid), Hex.Format(aid));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0000")]
    [InlineData("000008A000")]
    public void TryReadInstallAid_TruncatedData_IsFalse(string data) =>
        Assert.False(PersonalizationCommands.TryReadInstallAid(Hex.Parse(data), out _));

    [Fact]
    public void SelectIsd_ProfileBytes()
    {
        Assert.Equal("00A4040008A00000015100000000", Hex.Format(PersonalizationCommands.SelectIsd().ToBytes()));
    }

    [Fact]
    public void InitializeUpdateResponse_EncodedThenParsed_KeepsEveryField()
    {
        var kdd = Hex.Parse("00112233445566778899");
        var challenge = Hex.Parse("0102030405060708");
        var cryptogram = Hex.Parse("A1A2A3A4A5A6A7A8");

        var data = InitializeUpdateResponse.Encode(kdd, challenge, cryptogram, 0x01A2B3);
        var parsed = InitializeUpdateResponse.TryParse(data);

        Assert.Equal("00112233445566778899" + "300370" + "0102030405060708" + "A1A2A3A4A5A6A7A8" + "01A2B3", Hex.Format(data));
        Assert.NotNull(parsed);
        Assert.Equal(0x01A2B3, parsed.SequenceCounter);
        Assert.Equal(Hex.Format(cryptogram), Hex.Format(parsed.CardCryptogram));
        Assert.Null(InitializeUpdateResponse.TryParse(data.AsSpan(1)));
    }

    [Fact]
    public void StoreData_TwoDgisInTwoBlocks_OnlyTheEncryptedOneMarkedEncryptedAndOnlyTheLastMarkedLast()
    {
        var dgis = new[] { new Dgi(0x0101, new byte[20]), new Dgi(0x8010, new byte[16]) };

        var blocks = PersonalizationCommands.StoreData(dgis, new byte[16], maxBlockDataLength: 23);

        Assert.Equal(2, blocks.Count);
        Assert.Equal(new[] { 0, 1 }, blocks.Select(b => (int)b.P2));
        Assert.False(StoreDataP1.IsLastBlock(blocks[0].P1));
        Assert.True(StoreDataP1.IsLastBlock(blocks[1].P1));
        Assert.True(StoreDataP1.IsEncrypted(blocks[1].P1));
        Assert.False(StoreDataP1.IsEncrypted(blocks[0].P1));
    }
}
