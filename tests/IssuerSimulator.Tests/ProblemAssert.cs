using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace WalletGateway.IssuerSimulator.Tests;

internal static class ProblemAssert
{
    public const string TypeBase = "https://walletgateway.dev/problems/issuer/";

    /// <summary>Asserts an RFC 9457 problem response with the given status and, if given, type.</summary>
    public static async Task<ProblemDetails> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? type = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.NotNull(problem);
        Assert.Equal((int)status, problem.Status);
        if (type is not null)
        {
            Assert.Equal(TypeBase + type, problem.Type);
        }

        return problem;
    }
}
