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

    /// <summary>
    /// The renewal of <paramref name="card"/>: same reference, number and holder, a new payment key, and an expiry
    /// <paramref name="validityYears"/> after the later of now and the old expiry (at most 2099-12, the card format's last).
    /// </summary>
    public static IssuedCard Renew(IssuedCard card, int validityYears, DateTimeOffset now)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var from = DateTimeOffset.TryParseExact(card.Expiry, "yyyy-MM", culture, System.Globalization.DateTimeStyles.AssumeUniversal, out var old) && old > now
            ? old
            : now;
        var expiry = from.AddYears(validityYears);
        return card with
        {
            Expiry = expiry.Year > 2099 ? "2099-12" : expiry.ToString("yyyy-MM", culture),
            PaymentKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        };
    }
}
