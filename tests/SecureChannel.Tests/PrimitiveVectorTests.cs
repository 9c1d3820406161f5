using WalletGateway.SecureChannel;

namespace WalletGateway.SecureChannel.Tests;

public sealed class PrimitiveVectorTests
{
    [Theory]
    [InlineData("", "bb1d6929e95937287fa37d129b756746")]
    [InlineData("6bc1bee22e409f96e93d7e117393172a", "070a16b46b4d4144f79bdd9dd04a287c")]
    [InlineData("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411", "dfa66747de9ae63030ca32611497c827")]
    public void AesCmac_Rfc4493Vector_MatchesExpected(string message, string expected)
    {
        var mac = AesCmac.Compute(Hex.Parse("2b7e151628aed2a6abf7158809cf4f3c"), Hex.Parse(message));

        Assert.Equal(expected.ToUpperInvariant(), Hex.Format(mac));
    }

    [Fact]
    public void AesCmac_Rfc4493FourBlockVector_MatchesExpected()
    {
        // RFC 4493 example 4 (64 bytes): a whole number of blocks, so the K1 path.
        var message = Hex.Parse(
            "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" +
            "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");

        var mac = AesCmac.Compute(Hex.Parse("2b7e151628aed2a6abf7158809cf4f3c"), message);

        Assert.Equal("51F0BEBF7E3B9D92FC49741779363CFE", Hex.Format(mac));
    }

    [Fact]
    public void ChipKeysDiversifyFull_GlobalPlatformProKdf3Vector_MatchesExpected()
    {
        var master = Hex.Parse("8C72C72CF908411653018807950D82FBAD947562F0828A0B10B8B9606ABF3BCD");
        var kdd = Hex.Parse("D9B1DE5D0362DEDCE4FB");

        var enc = ChipKeys.DiversifyFull(master, 0x01, kdd);

        Assert.Equal("9AAC5D0B3601F89438A0D9D0B6B256CFB47E6462DFA5228D3420C4AC7C224781", Hex.Format(enc));
    }

    [Fact]
    public void ChipKeysDerive_Aes256Master_TakesFirst16BytesOfKdf3()
    {
        var master = Hex.Parse("8C72C72CF908411653018807950D82FBAD947562F0828A0B10B8B9606ABF3BCD");

        var keys = ChipKeys.Derive(master, Hex.Parse("D9B1DE5D0362DEDCE4FB"));

        Assert.Equal("9AAC5D0B3601F89438A0D9D0B6B256CF", Hex.Format(keys.Enc));
        Assert.NotEqual(keys.Enc, keys.Mac);
        Assert.NotEqual(keys.Mac, keys.Dek);
    }

    [Theory]
    [InlineData("000102030405060708090a0b0c0d0e0f", "C35280")]
    [InlineData("101112131415161718191a1b1c1d1e1f", "013808")]
    [InlineData("202122232425262728292a2b2c2d2e2f", "840DE5")]
    public void ChipKeysCheckValue_PySimKey_MatchesExpected(string key, string expected)
    {
        Assert.Equal(expected, Hex.Format(ChipKeys.CheckValue(Hex.Parse(key))));
    }

    [Theory]
    [InlineData("", "80000000000000000000000000000000")]
    [InlineData("01", "01800000000000000000000000000000")]
    [InlineData("000102030405060708090A0B0C0D0E0F", "000102030405060708090A0B0C0D0E0F80000000000000000000000000000000")]
    public void Pad80_Data_PadsAndUnpads(string data, string padded)
    {
        var result = Pad80.Pad(Hex.Parse(data));

        Assert.Equal(padded, Hex.Format(result));
        Assert.True(Pad80.TryUnpad(result, out int length));
        Assert.Equal(data.Length / 2, length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01000000000000000000000000000000")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("8000000000000000000000000000")]
    public void Pad80TryUnpad_BadPadding_ReturnsFalse(string padded)
    {
        Assert.False(Pad80.TryUnpad(Hex.Parse(padded), out _));
    }

    [Fact]
    public void Hex_EitherCase_ParsesAndFormatsUppercase()
    {
        Assert.Equal("ABCDEF09", Hex.Format(Hex.Parse("abCDef09")));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz")]
    [InlineData("0g")]
    public void HexParse_BadInput_ThrowsFormatException(string hex)
    {
        Assert.Throws<FormatException>(() => Hex.Parse(hex));
        Assert.False(Hex.TryParse(hex, out _));
    }

    [Fact]
    public void HexTryParse_Null_ReturnsFalse()
    {
        Assert.False(Hex.TryParse(null, out _));
    }

    [Theory]
    [InlineData("80F22002")]
    [InlineData("80CA006600")]
    [InlineData("80E2910006BF3E035C015A")]
    [InlineData("80E2910006BF3E035C015A00")]
    public void CommandApdu_ShortCases_RoundTrip(string apdu)
    {
        Assert.Equal(apdu, Hex.Format(CommandApdu.Parse(Hex.Parse(apdu)).ToBytes()));
    }

    [Theory]
    [InlineData("80F220")]
    [InlineData("80E2910006BF3E03")]
    [InlineData("80E2910000010203")]
    [InlineData("80E2910002010203FFFF")]
    public void CommandApduTryParse_NotShortApdu_ReturnsFalse(string apdu)
    {
        Assert.False(CommandApdu.TryParse(Hex.Parse(apdu), out _));
    }

    [Fact]
    public void CommandApduParse_Case4_ExposesFields()
    {
        var command = CommandApdu.Parse(Hex.Parse("80E2910006BF3E035C015A00"));

        Assert.Equal((byte)0x80, command.Cla);
        Assert.Equal((byte)0xE2, command.Ins);
        Assert.Equal((byte)0x91, command.P1);
        Assert.Equal((byte)0x00, command.P2);
        Assert.Equal("BF3E035C015A", Hex.Format(command.Data));
        Assert.Equal(256, command.Ne);
    }

    [Fact]
    public void ResponseApdu_DataAndStatus_RoundTrips()
    {
        var response = ResponseApdu.Parse(Hex.Parse("01029000"));

        Assert.Equal("0102", Hex.Format(response.Data));
        Assert.Equal(StatusWords.Success, response.StatusWord);
        Assert.Equal("01029000", Hex.Format(response.ToBytes()));
        Assert.False(ResponseApdu.TryParse(Hex.Parse("90"), out _));
    }
}
