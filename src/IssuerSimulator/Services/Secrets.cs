using System.Security.Cryptography;
using System.Text;

namespace WalletGateway.IssuerSimulator;

internal static class Secrets
{
    private const string Digits = "0123456789";

    /// <summary>A cryptographically random 8-digit one-time access code.</summary>
    public static string NewAccessCode() => RandomNumberGenerator.GetString(Digits, 8);

    /// <summary>Compares without leaking through timing where the strings first differ.</summary>
    public static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
