using WalletGateway.SecureChannel;

namespace WalletGateway.SecureChannel.Tests;

public sealed class Scp03VectorTests
{
    private static readonly ChipKeys AsterixKeys = new(
        Hex.Parse("404142434445464748494A4B4C4D4E4F"),
        Hex.Parse("401122334445566748494A4B4C4D4E4F"),
        Hex.Parse("9876543210404142434445464748494A"));

    private static readonly byte[] AsterixHostChallenge = Hex.Parse("0807060504030201");
    private static readonly byte[] AsterixKdd = Hex.Parse("000050C7606A8CF64800");

    [Fact]
    public void PseudoRandomCardChallenge_AsterixTest128_MatchesExpected()
    {
        var challenge = Scp03.PseudoRandomCardChallenge(AsterixKeys.Enc, 0x2A, Hex.Parse("A000000018434D08090A0B0C000000"));

        Assert.Equal("A3F5F144D19BE66E", Hex.Format(challenge));
    }

    [Fact]
    public void SessionKeysDerive_AsterixTest128_MatchesExpectedKeysAndCryptograms()
    {
        var cardChallenge = Hex.Parse("A3F5F144D19BE66E");

        using var keys = SessionKeys.Derive(AsterixKeys, AsterixHostChallenge, cardChallenge);

        Assert.Equal("852D207B7CC8C880231EDFD5C644CFB1", Hex.Format(keys.Enc));
        Assert.Equal("7131B9369F3D19850E6919CD3321523E", Hex.Format(keys.Mac));
        Assert.Equal("B570AA1FDE18F9179B5CBD42D8939D05", Hex.Format(keys.Rmac));
        Assert.Equal("72BFCBDF4A14515F", Hex.Format(keys.CardCryptogram(AsterixHostChallenge, cardChallenge)));
        Assert.Equal("AEB8DAD1865B85E2", Hex.Format(keys.HostCryptogram(AsterixHostChallenge, cardChallenge)));
    }

    [Fact]
    public void CardSecureChannelOpen_AsterixTest128_AnswersExpectedInitializeUpdateResponse()
    {
        using var card = CardSecureChannel.Open(AsterixKeys, AsterixKdd, AsterixHostChallenge, Hex.Parse("A3F5F144D19BE66E"), 0x2A);

        Assert.Equal("000050C7606A8CF64800300370A3F5F144D19BE66E72BFCBDF4A14515F00002A", Hex.Format(card.InitializeUpdateResponseData));
    }

    [Fact]
    public void HostSecureChannel_AsterixTest128Level01_ProducesExpectedExternalAuthenticate()
    {
        using var host = new HostSecureChannel(AsterixKeys, AsterixKdd, AsterixHostChallenge, 0x01) { VerifyCardChallenge = false };

        Assert.Equal("80503000080807060504030201" + "00", Hex.Format(host.InitializeUpdate().ToBytes()));
        var ea = host.Authenticate(ResponseApdu.Parse(Hex.Parse("000050C7606A8CF64800300370A3F5F144D19BE66E72BFCBDF4A14515F00002A9000")));

        Assert.Equal("8482010010AEB8DAD1865B85E249FC4CF184E61DCD", Hex.Format(ea.ToBytes()));
    }

    [Fact]
    public void CardSecureChannel_AsterixTest128Level01_AcceptsExternalAuthenticate()
    {
        using var card = CardSecureChannel.Open(AsterixKeys, AsterixKdd, AsterixHostChallenge, Hex.Parse("A3F5F144D19BE66E"), 0x2A);

        var sw = card.Authenticate(CommandApdu.Parse(Hex.Parse("8482010010AEB8DAD1865B85E249FC4CF184E61DCD")));

        Assert.Equal(StatusWords.Success, sw);
        Assert.Equal((byte)0x01, card.SecurityLevel);
    }

    [Fact]
    public void HostSecureChannelWrap_AsterixTest128Level03_EncryptsFirstCommandAndKeepsChain()
    {
        using var host = new HostSecureChannel(AsterixKeys, AsterixKdd, AsterixHostChallenge, 0x03) { VerifyCardChallenge = false };
        var ea = host.Authenticate(ResponseApdu.Parse(Hex.Parse("000050C7606A8CF64800300370A3F5F144D19BE66E72BFCBDF4A14515F00002A9000")));
        host.CompleteAuthentication(ResponseApdu.Parse([0x90, 0x00]));

        var wrapped = host.Wrap(CommandApdu.Parse(Hex.Parse("80E60200150A45786572636973655236000006EF04C602068200")));

        // The ciphertext depends on S-ENC and the counter only, not on the chain.
        Assert.Equal((byte)0x03, ea.P1);
        Assert.Equal(1, wrapped.Counter);
        var data = CommandApdu.Parse(wrapped.Apdu).Data;
        Assert.Equal("DF31907FC027482D5DCB7DC028245F7C108CA4D2AFF12275079768E1EFE9429E", Hex.Format(data.AsSpan(0, data.Length - 8)));
    }

    [Fact]
    public void HostSecureChannel_AsterixTest128Level01_ChainAfterExternalAuthenticateIsFullCmac()
    {
        using var host = new HostSecureChannel(AsterixKeys, AsterixKdd, AsterixHostChallenge, 0x01) { VerifyCardChallenge = false };
        host.Authenticate(ResponseApdu.Parse(Hex.Parse("000050C7606A8CF64800300370A3F5F144D19BE66E72BFCBDF4A14515F00002A9000")));
        host.CompleteAuthentication(ResponseApdu.Parse([0x90, 0x00]));

        using var keys = SessionKeys.Derive(AsterixKeys, AsterixHostChallenge, Hex.Parse("A3F5F144D19BE66E"));
        var wrapped = host.Wrap(new CommandApdu(0x80, 0xF2, 0x20, 0x02));
        var expectedMac = AesCmac.Compute(keys.Mac, Hex.Parse("49FC4CF184E61DCD4C3928E4C617FBA3" + "84F2200208"));

        Assert.Equal(Hex.Format(expectedMac), Hex.Format(wrapped.Chain));
    }
}
