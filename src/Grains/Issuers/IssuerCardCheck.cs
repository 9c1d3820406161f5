using System.Globalization;
using System.Text;
using WalletGateway.SecureChannel;

namespace WalletGateway.Grains.Issuers;

/// <summary>
/// Turns an issuer's answer into a card the gateway can write (docs/scp03.md, "The personalisation script"), or
/// refuses it naming the field, never its value. The name is written in ASCII: accents are dropped ("JOSÉ" becomes
/// "JOSE"); a name with letters outside the Latin alphabets (e.g. "李小龍") is refused rather than guessed.
/// </summary>
public static class IssuerCardCheck
{
    /// <summary>The card record's name field (EMV <c>5F20</c>) holds 2 to 26 characters.</summary>
    public const int MinNameLength = 2;

    public const int MaxNameLength = 26;

    public const int MaxCardRefLength = 100;

    private const char LatinFirst = '\u00C0';
    private const char LatinLast = '\u017F';

    // The base letter of each character from U+00C0 to U+017F (Latin-1 Supplement letters, Latin Extended-A);
    // '*' is spelled out with more than one letter, '.' has no ASCII spelling (× and ÷).
    private const string LatinBase =
        "AAAAAA*CEEEEIIIIDNOOOOO.OUUUUY**aaaaaa*ceeeeiiiidnooooo.ouuuuy*y"
        + "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi**JjKkkLlLlLlL"
        + "lLlNnNnNnnNnOoOoOo**RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

    /// <summary>The card, or <see cref="IssuerCallException"/> (<see cref="IssuerCallFailure.InvalidCardData"/>).</summary>
    public static IssuerCard ToCard(IssuerAnswer answer, DateTimeOffset now)
    {
        if (answer.CardRef is not { Length: > 0 and <= MaxCardRefLength } cardRef || !IsPrintableAscii(cardRef))
        {
            throw Invalid($"the card reference is not 1 to {MaxCardRefLength} printable ASCII characters");
        }

        if (answer.CardNumber is not { Length: >= 12 and <= 19 } number || !number.All(char.IsAsciiDigit) || !PassesLuhn(number))
        {
            throw Invalid("the card number is not 12 to 19 digits with a valid check digit");
        }

        if (!TryParseExpiry(answer.Expiry, out var year, out var month))
        {
            throw Invalid("the expiry is not a month (YYYY-MM, 2000 to 2099)");
        }

        var today = now.UtcDateTime;
        if (year * 12 + month < today.Year * 12 + today.Month)
        {
            throw Invalid("the card has expired");
        }

        if (AsciiName(answer.CardholderName) is not { Length: >= MinNameLength and <= MaxNameLength } name)
        {
            throw Invalid($"the cardholder name is not {MinNameLength} to {MaxNameLength} characters that can be written in ASCII");
        }

        if (answer.PaymentKey is null || !Hex.TryParse(answer.PaymentKey, out var paymentKey) || paymentKey.Length != 16)
        {
            throw Invalid("the payment key is not 16 bytes in hex");
        }

        return new IssuerCard(cardRef, number, answer.Expiry!, name, paymentKey);
    }

    /// <summary>
    /// The name in printable ASCII: Latin letters lose their accents (É → E, Ł → L) and a few are spelled out
    /// (Æ → AE, ß → SS); null when a character has no ASCII spelling. A table rather than Unicode decomposition,
    /// which the gateway's invariant globalization mode does not offer.
    /// </summary>
    public static string? AsciiName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var ascii = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            var spelled = c is >= ' ' and <= '~' ? c.ToString() : SpelledOut(c);
            if (spelled is null)
            {
                return null;
            }

            ascii.Append(spelled);
        }

        return ascii.ToString();
    }

    private static string? SpelledOut(char c) => c switch
    {
        'Æ' => "AE", 'æ' => "ae", 'Œ' => "OE", 'œ' => "oe", 'Ĳ' => "IJ", 'ĳ' => "ij", 'ß' => "SS", 'Þ' => "TH", 'þ' => "th",
        >= LatinFirst and <= LatinLast => LatinBase[c - LatinFirst] is var letter and not ('.' or '*') ? letter.ToString() : null,
        _ => null,
    };

    private static bool TryParseExpiry(string? expiry, out int year, out int month)
    {
        year = month = 0;
        return expiry is { Length: 7 } && expiry[4] == '-'
            && int.TryParse(expiry.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(expiry.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out month)
            && year is >= 2000 and <= 2099 && month is >= 1 and <= 12;
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[^(i + 1)] - '0';
            if (i % 2 == 1)
            {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    private static bool IsPrintableAscii(string s) => s.All(c => c is >= ' ' and <= '~');

    private static IssuerCallException Invalid(string reason) =>
        new(IssuerCallFailure.InvalidCardData, $"The issuer's card data cannot be written to a chip: {reason}.");
}
