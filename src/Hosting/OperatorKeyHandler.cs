using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WalletGateway.Hosting;

/// <summary>
/// The operator key in <c>X-Api-Key</c> as an authentication scheme: authorization runs before the endpoint binds
/// its body, so a call without the key is a 401 whatever it sends.
/// </summary>
public sealed class OperatorKeyHandler(
    IOptionsMonitor<OperatorKeySchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptionsMonitor<AdminOptions> admin)
    : AuthenticationHandler<OperatorKeySchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[AdminOptions.ApiKeyHeader].ToString();
        if (presented.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Compare hashes in fixed time: neither the key's length nor its prefix leaks through timing.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(admin.CurrentValue.ApiKey));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return Task.FromResult(AuthenticateResult.Fail("The operator key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, OperatorKeyAuthentication.Policy)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AdminOptions.ApiKeyHeader}\"";
        return Options.OnChallenge?.Invoke(Context) ?? Task.CompletedTask;
    }
}
