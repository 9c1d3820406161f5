using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Problems;

/// <summary>
/// Declares the problem responses of a route or group for the OpenAPI document, from the refusals it can answer with
/// (their statuses come from <see cref="GatewayProblems.For"/>), so the document tells clients the truth.
/// </summary>
public static class ProblemResponses
{
    /// <summary>Every route: too many requests from one address (429), a saturated or unreachable gateway (503).</summary>
    public static TBuilder ProducesEdgeProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblems(GatewayError.RateLimited, GatewayError.Overloaded);

    /// <summary>A route with a JSON body: malformed (400), too large (413), not JSON (415).</summary>
    public static TBuilder ProducesBodyProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblems(GatewayError.InvalidRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params GatewayError[] errors) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in errors.Select(e => GatewayProblems.For(e).Status).Distinct())
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
