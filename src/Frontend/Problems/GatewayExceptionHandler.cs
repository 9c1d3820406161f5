using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Problems;

/// <summary>
/// Turns the gateway's refusals, ASP.NET Core's bad-request errors and an unreachable cluster into
/// problem+json. Anything else is a bug and stays a 500.
/// </summary>
public sealed partial class GatewayExceptionHandler(IProblemDetailsService problems, ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (problem, retryAfter) = exception switch
        {
            GatewayException e => FromGateway(e),
            BadHttpRequestException e => (FromBadRequest(e), (TimeSpan?)null),
            // A silo that died or is leaving, a call cut off with it, storage that does not answer
            // (grain state reads surface as OrleansException): the terminal can retry; an identical
            // retry of a step is answered from the session's cache.
            TimeoutException or OrleansException or Azure.RequestFailedException =>
                (ProblemWriter.Create(503, "unavailable", "The gateway is unavailable.",
                    "The gateway's cluster or its storage did not answer; try again shortly (an identical retry of a step is safe)."),
                 TimeSpan.FromSeconds(2)),
            OperationCanceledException when !http.RequestAborted.IsCancellationRequested =>
                (ProblemWriter.Create(503, "unavailable", "The gateway is unavailable.",
                    "The call was cut off inside the gateway's cluster; try again shortly (an identical retry of a step is safe)."),
                 TimeSpan.FromSeconds(2)),
            _ => (null, null),
        };
        if (problem is null)
        {
            return false;
        }

        if (problem.Status >= 500)
        {
            LogUnavailable(logger, exception.GetType().Name, http.Request.Path);
        }

        return await ProblemWriter.WriteAsync(problems, http, problem, retryAfter, exception);
    }

    private static (ProblemDetails, TimeSpan?) FromGateway(GatewayException e)
    {
        var problem = ProblemWriter.Create(e.Error, e.Message);
        if (e.AttemptsLeft is { } left)
        {
            problem.Extensions["attemptsLeft"] = left;
        }

        var retryAfter = e.RetryAfter ?? (problem.Status is 429 or 503 ? TimeSpan.FromSeconds(5) : null);
        return (problem, retryAfter);
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException e)
    {
        var status = e.StatusCode;
        // The JSON reader's message names the path of the bad field, never its value.
        var detail = e.InnerException is System.Text.Json.JsonException json ? $"{e.Message} {json.Message}" : e.Message;
        return ProblemWriter.Create(status, GatewayProblems.SlugForStatus(status) ?? "invalid-request", status switch
        {
            413 => "The request body is too large.",
            415 => "The request body must be application/json.",
            _ => "The request is malformed.",
        }, detail);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Answered unavailable ({Exception}) on {Path}")]
    private static partial void LogUnavailable(ILogger logger, string exception, string path);
}
