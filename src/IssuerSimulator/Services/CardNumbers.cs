using System.Security.Cryptography;

namespace WalletGateway.IssuerSimulator;

/// <summary>Card number arithmetic: the Luhn check digit and random numbers under a BIN.</summary>
public static class CardNumbers
{
    private const string Digits = "0123456789";

    /// <summary>Removes the spaces people write BINs with ("4999 12").</summary>
    public static string NormalizePrefix(string? prefix) => (prefix ?? "").Replace(" ", "", StringComparison.Ordinal);

    /// <summary>A random 16-digit card number that starts with <paramref name="prefix"/> and passes the Luhn check.</summary>
    public static string Create(string prefix)
    {
        var body = prefix + RandomNumberGenerator.GetString(Digits, 15 - prefix.Length);
        return body + CheckDigit(body);
    }

    /// <summary>Whether <paramref name="number"/> is all digits and passes the Luhn check.</summary>
    public static bool IsValid(string number) =>
        number.Length > 1 && number.All(char.IsAsciiDigit) && CheckDigit(number[..^1]) == number[^1];

    /// <summary>The Luhn check digit to append to <paramref name="body"/>.</summary>
    public static char CheckDigit(string body)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var digit = body[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
