using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using WalletGateway.Frontend.Hosting;
using WalletGateway.Frontend.Problems;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Security;

/// <summary>
/// Checks <c>Authorization: Bearer {deviceId}.{generation}.{mac}</c>: the mac here, under the token key, so a forged
/// token costs no grain call and no storage read; a genuine one then with the device's grain (revoked, re-registered).
/// No or a bad token is a 401 problem with <c>WWW-Authenticate: Bearer</c>; a cluster that does not answer stays an exception (503).
/// </summary>
public sealed class DeviceTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains, IOptions<DeviceTokenOptions> tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Only routes that need a device pay for the check (the default scheme is tried on every request).
        var token = DeviceTokenAuthentication.BearerToken(Request);
        if (token is null || Context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!DeviceToken.TryVerify(token, tokens.Value.KeyBytes(), out var deviceId, out var generation)
            || !await GrainCalls.RetryRejectedAsync(() => grains.GetGrain<IDeviceGrain>(deviceId).IsGenerationCurrentAsync(generation)))
        {
            return AuthenticateResult.Fail("The device token is not valid.");
        }

        var identity = new ClaimsIdentity([new Claim(DeviceTokenAuthentication.DeviceIdClaim, deviceId)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemWriter.WriteAsync(Context, ProblemWriter.Create(GatewayError.InvalidDeviceToken,
            "A valid device token is required: register with POST /v1/devices."));
    }
}
