using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Problems;

/// <summary>
/// The one way the frontend answers a refusal: problem+json with a stable <c>type</c>, and <c>Retry-After</c> when the
/// client should come back. The exception handler, the status code pages and the edge limiters all write through it.
/// </summary>
public static class ProblemWriter
{
    public static ProblemDetails Create(int status, string slug, string title, string detail) => new()
    {
        Status = status,
        Type = GatewayProblems.TypeBase + slug,
        Title = title,
        Detail = detail,
    };

    public static ProblemDetails Create(GatewayError error, string detail)
    {
        var (status, slug, title) = GatewayProblems.For(error);
        return Create(status, slug, title, detail);
    }

    /// <summary>Writes <paramref name="problem"/> as the response; false when the client accepts no JSON.</summary>
    public static ValueTask<bool> WriteAsync(HttpContext http, ProblemDetails problem, TimeSpan? retryAfter = null, Exception? exception = null) =>
        WriteAsync(http.RequestServices.GetRequiredService<IProblemDetailsService>(), http, problem, retryAfter, exception);

    public static ValueTask<bool> WriteAsync(IProblemDetailsService problems, HttpContext http, ProblemDetails problem, TimeSpan? retryAfter = null, Exception? exception = null)
    {
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (retryAfter is { } after)
        {
            http.Response.Headers.RetryAfter = FormatRetryAfter(after);
        }

        return problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Whole seconds, rounded up, at least one: a client never retries at once.</summary>
    public static string FormatRetryAfter(TimeSpan after) =>
        Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Every problem carries <c>traceId</c>, which finds the request's trace. Gives the problems ASP.NET Core writes itself (bad body, unknown route, 405, 413, 415; a bare status through the
    /// status code pages) the gateway's stable <c>type</c> instead of the RFC link.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        // The W3C trace id, as the trace exporter records it (and the terminal sent it); the request id when nothing traces.
        context.ProblemDetails.Extensions["traceId"] = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
            ? activity.TraceId.ToHexString()
            : context.HttpContext.TraceIdentifier;
        if (context.ProblemDetails.Type is null or { Length: 0 } || context.ProblemDetails.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
        {
            var slug = GatewayProblems.SlugForStatus(context.ProblemDetails.Status ?? 500);
            context.ProblemDetails.Type = slug is null ? context.ProblemDetails.Type : GatewayProblems.TypeBase + slug;
        }
    }
}
