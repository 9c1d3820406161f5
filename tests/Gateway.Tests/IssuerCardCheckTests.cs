using WalletGateway.Grains.Issuers;

namespace WalletGateway.Gateway.Tests;

/// <summary>The checks of an issuer's card data before anything is leased or written: names in ASCII, expiry by month.</summary>
public sealed class IssuerCardCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 21, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("JOSÉ GARCÍA", "JOSE GARCIA")]
    [InlineData(" BJØRN ÅSTRÖM ", "BJORN ASTROM")]
    [InlineData("ŁUKASZ ŻÓŁW", "LUKASZ ZOLW")]
    [InlineData("GRO ßTRAßE", "GRO SSTRASSE")]
    [InlineData("ÆLFRED", "AELFRED")]
    [InlineData("李小龍", null)]
    [InlineData("A×B", null)]
    public void AsciiName_LatinLettersLoseTheirAccentsOthersRefused(string name, string? ascii) =>
        Assert.Equal(ascii, IssuerCardCheck.AsciiName(name));

    [Theory]
    [InlineData("2026-12", true)]
    [InlineData("2099-01", true)]
    [InlineData("2026-11", false)]
    [InlineData("2026-00", false)]
    [InlineData("2026-1", false)]
    [InlineData("202612", false)]
    public void ToCard_ExpiryValidThroughItsMonth(string expiry, bool usable)
    {
        var answer = new IssuerAnswer("CR-1", "4111111111111111", expiry, "A MEMBER", new string('0', 32));

        var failure = Record.Exception(() => IssuerCardCheck.ToCard(answer, Now));

        Assert.Equal(usable, failure is null);
        Assert.True(usable || failure is IssuerCallException { Failure: IssuerCallFailure.InvalidCardData });
    }
}
