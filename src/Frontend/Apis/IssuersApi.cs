using Microsoft.AspNetCore.Http.HttpResults;
using WalletGateway.Contracts;
using WalletGateway.Frontend.Problems;
using WalletGateway.Grains.Interfaces;

namespace WalletGateway.Frontend.Apis;

public static class IssuersApi
{
    public static IEndpointRouteBuilder MapIssuersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/issuers").WithTags("Issuers").ProducesEdgeProblems();
        api.MapGet("/", ListIssuersAsync)
            .WithName("ListIssuers")
            .WithSummary("The card issuers a member can pick from (never connection data).");
        return app;
    }

    public static async Task<Ok<IssuerResponse[]>> ListIssuersAsync(IGrainFactory grains)
    {
        var issuers = await grains.GetGrain<IIssuerCatalogGrain>(0).ListAsync();
        return TypedResults.Ok(issuers.Select(i => new IssuerResponse(i.IssuerId, i.DisplayName)).ToArray());
    }
}
