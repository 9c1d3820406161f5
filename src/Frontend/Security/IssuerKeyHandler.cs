using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WalletGateway.Frontend.Hosting;
using WalletGateway.Frontend.Problems;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Security;

/// <summary>
/// Checks <c>X-Issuer-Key</c> with the issuer's key grain (<see cref="IIssuerApiKeyGrain"/>), which holds only the key's
/// hash: the key never leaves this process. A key naming no issuer is refused by the local catalog first, activating nothing. Every request asks the grain, so a rotated or revoked key is refused at once.
/// No or a bad key is a 401 problem; a cluster that does not answer stays an exception (503).
/// </summary>
public sealed class IssuerKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[IssuerKeyAuthentication.Header].ToString();
        if (key.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!IssuerKeyAuthentication.TryIssuerOf(key, out var issuerId)
            || !await GrainCalls.RetryRejectedAsync(() => grains.GetGrain<IIssuerCatalogGrain>(0).IsKnownAsync(issuerId))
            || !await GrainCalls.RetryRejectedAsync(() => grains.GetGrain<IIssuerApiKeyGrain>(issuerId).VerifyAsync(IssuerKeyAuthentication.Hash(key))))
        {
            return AuthenticateResult.Fail("The issuer key is not valid.");
        }

        var identity = new ClaimsIdentity([new Claim(IssuerKeyAuthentication.IssuerIdClaim, issuerId)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{IssuerKeyAuthentication.Header}\"";
        await ProblemWriter.WriteAsync(Context, ProblemWriter.Create(GatewayError.InvalidApiKey,
            $"A valid issuer API key is required in the {IssuerKeyAuthentication.Header} header (an operator issues it: docs/issuer-api.md)."));
    }
}
