namespace WalletGateway.IssuerSimulator.Tests;

public sealed class CardNumbersTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("5555555555554444", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("41111111111111a1", false)]
    public void IsValid_KnownNumbers_MatchesLuhn(string number, bool valid) =>
        Assert.Equal(valid, CardNumbers.IsValid(number));

    [Fact]
    public void Create_WithPrefix_GivesSixteenLuhnValidDigitsUnderThePrefix()
    {
        for (var i = 0; i < 200; i++)
        {
            var number = CardNumbers.Create("499912");

            Assert.Equal(16, number.Length);
            Assert.StartsWith("499912", number, StringComparison.Ordinal);
            Assert.True(CardNumbers.IsValid(number), number);
        }
    }
}
