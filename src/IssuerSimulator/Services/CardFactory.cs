using System.Security.Cryptography;

namespace WalletGateway.IssuerSimulator;

/// <summary>Makes the card of a new member: reference, number, holder name, expiry and payment key.</summary>
internal static class CardFactory
{
    private static readonly string[] FirstNames =
    [
        "TARO", "HANAKO", "KENJI", "YUKI", "EMMA", "LIAM", "OLIVIA", "NOAH",
        "SOPHIA", "LUCAS", "MIA", "ARJUN", "PRIYA", "MATEO", "ZOE", "HUGO",
    ];

    private static readonly string[] LastNames =
    [
        "SATO", "SUZUKI", "TANAKA", "YAMADA", "SMITH", "JOHNSON", "MARTIN", "GARCIA",
        "MULLER", "ROSSI", "DUBOIS", "KIM", "NGUYEN", "SILVA", "PATEL", "JANSEN",
    ];

    public static IssuedCard Create(string cardPrefix, int validityYears, DateTimeOffset now) =>
        new(
            CardRef: "CR-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)),
            CardNumber: CardNumbers.Create(cardPrefix),
            Expiry: now.AddYears(validityYears).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            CardholderName: $"{FirstNames[Random.Shared.Next(FirstNames.Length)]} {LastNames[Random.Shared.Next(LastNames.Length)]}",
            PaymentKey: Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
}
