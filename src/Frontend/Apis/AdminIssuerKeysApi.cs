using Microsoft.AspNetCore.Http.HttpResults;
using WalletGateway.Contracts.Admin;
using WalletGateway.Frontend.Problems;
using WalletGateway.Frontend.Security;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

/// <summary>
/// An issuer's own key for the issuer API (docs/issuer-api.md): the gateway makes it (256 random bits), shows it once and
/// keeps only its hash; issuing again rotates it (the old key is refused at once); revoking refuses every key.
/// </summary>
public static class AdminIssuerKeysApi
{
    public static RouteGroupBuilder MapAdminIssuerKeys(this RouteGroupBuilder admin)
    {
        var api = admin.MapGroup("/issuers/{issuerId}/api-key");
        api.MapPost("/", IssueAsync).WithName("AdminIssueIssuerKey")
            .WithSummary("Issues the issuer's key for the issuer API, shown once; the previous key is refused from now on.")
            .ProducesProblems(GatewayError.IssuerNotFound);
        api.MapDelete("/", RevokeAsync).WithName("AdminRevokeIssuerKey")
            .WithSummary("Revokes the issuer's key (and a configured one): the issuer API refuses it until a new key is issued.")
            .ProducesProblems(GatewayError.IssuerNotFound);
        return admin;
    }

    public static async Task<Ok<AdminIssuerKeyResponse>> IssueAsync(string issuerId, HttpContext http, IGrainFactory grains)
    {
        await EnsureIssuerAsync(grains, issuerId);
        var key = IssuerKeyAuthentication.NewKey(issuerId);
        var issuedAt = await grains.GetGrain<IIssuerApiKeyGrain>(issuerId).SetAsync(IssuerKeyAuthentication.Hash(key));
        // The one response that carries the key: no cache may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AdminIssuerKeyResponse(issuerId, key, IssuerKeyAuthentication.Header, issuedAt));
    }

    public static async Task<NoContent> RevokeAsync(string issuerId, IGrainFactory grains)
    {
        await EnsureIssuerAsync(grains, issuerId);
        await grains.GetGrain<IIssuerApiKeyGrain>(issuerId).RevokeAsync();
        return TypedResults.NoContent();
    }

    private static async Task EnsureIssuerAsync(IGrainFactory grains, string issuerId)
    {
        if (await grains.GetGrain<IIssuerAdminGrain>(0).GetAsync(issuerId) is null)
        {
            throw new GatewayException(GatewayError.IssuerNotFound, $"No issuer '{issuerId}'.");
        }
    }
}
