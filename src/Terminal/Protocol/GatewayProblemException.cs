namespace WalletGateway.Terminal.Protocol;

/// <summary>
/// The gateway answered with a status other than success, usually with an
/// <c>application/problem+json</c> body (RFC 9457).
/// </summary>
public sealed class GatewayProblemException : Exception
{
    /// <summary>Creates the exception from the parts of the gateway's answer.</summary>
    public GatewayProblemException(
        int status, string? type, string? title, string? detail, int? attemptsLeft, TimeSpan? retryAfter, string? contentType)
        : base(FormatMessage(status, title, detail))
    {
        Status = status;
        Type = type;
        Title = title;
        Detail = detail;
        AttemptsLeft = attemptsLeft;
        RetryAfter = retryAfter;
        ContentType = contentType;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The problem's <c>type</c> URI, stable per kind of error.</summary>
    public string? Type { get; }

    /// <summary>The problem's <c>title</c>, or the reason phrase when the body was not a problem.</summary>
    public string? Title { get; }

    /// <summary>The problem's <c>detail</c>.</summary>
    public string? Detail { get; }

    /// <summary>The <c>attemptsLeft</c> extension: wrong access codes the member may still enter.</summary>
    public int? AttemptsLeft { get; }

    /// <summary>The <c>Retry-After</c> header (429 and 503), as a delay from now.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The media type of the body, e.g. <c>application/problem+json</c>.</summary>
    public string? ContentType { get; }

    /// <summary>The <c>traceId</c> extension: the W3C trace id that finds the request (and its card session) in the gateway's traces.</summary>
    public string? TraceId { get; init; }

    private static string FormatMessage(int status, string? title, string? detail) =>
        (title, detail) switch
        {
            (null, null) => $"The gateway answered {status}.",
            (_, null) => $"The gateway answered {status} {title}.",
            _ => $"The gateway answered {status} {title}: {detail}",
        };
}
