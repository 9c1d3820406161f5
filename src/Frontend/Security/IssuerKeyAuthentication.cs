using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;

namespace WalletGateway.Frontend.Security;

/// <summary>
/// An issuer's own key (<c>X-Issuer-Key: {issuerId}.{secret}</c>) as a scheme and a policy: the issuer API's routes call
/// <c>.RequireAuthorization(Policy)</c> and read the issuer id from the caller's claims, never from the request
/// (docs/issuer-api.md). Not the operator key, not the password the gateway uses to call the issuer.
/// </summary>
public static class IssuerKeyAuthentication
{
    public const string Scheme = "IssuerKey";

    public const string Policy = "Issuer";

    /// <summary>The header that carries the key.</summary>
    public const string Header = "X-Issuer-Key";

    /// <summary>The claim holding the id of the issuer the key belongs to.</summary>
    public const string IssuerIdClaim = "issuer_id";

    /// <summary>Longer keys are refused without a grain call (an issued key is at most 108: a 64-character id, '.', 43).</summary>
    public const int MaxKeyLength = 200;

    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static IServiceCollection AddIssuerKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, IssuerKeyHandler>(Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        // Refusals are answered (401), not logged one by one.
        services.AddLogging(logging => logging.AddFilter(typeof(IssuerKeyHandler).FullName, LogLevel.Warning));
        return services;
    }

    /// <summary>The issuer id of an authenticated caller.</summary>
    public static string IssuerId(this ClaimsPrincipal user) =>
        user.FindFirstValue(IssuerIdClaim) ?? throw new InvalidOperationException("The route does not require an issuer: add RequireAuthorization(Policy).");

    /// <summary>The issuer id a key names (the part before the first '.'), when the key has the issued shape.</summary>
    public static bool TryIssuerOf(string key, [NotNullWhen(true)] out string? issuerId)
    {
        var dot = key.IndexOf('.');
        issuerId = dot is > 0 and <= 64 && key.Length <= MaxKeyLength && dot < key.Length - 1
            && !key.AsSpan(0, dot).ContainsAnyExcept(IdCharacters)
            ? key[..dot]
            : null;
        return issuerId is not null;
    }

    /// <summary>What the gateway keeps of a key: its SHA-256 (keys are 256 random bits, so a plain hash is enough).</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>A new key for <paramref name="issuerId"/>: the id, a '.', and 256 random bits in base64url.</summary>
    public static string NewKey(string issuerId) => $"{issuerId}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
}
