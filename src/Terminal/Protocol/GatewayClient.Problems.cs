using System.Net.Http.Headers;
using System.Text.Json;

namespace WalletGateway.Terminal.Protocol;

public sealed partial class GatewayClient
{
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        var problem = IsJson(contentType) ? await ReadProblemAsync(response.Content, ct) : default;
        throw new GatewayProblemException(
            (int)response.StatusCode,
            problem.Type,
            problem.Title ?? response.ReasonPhrase,
            problem.Detail,
            problem.AttemptsLeft,
            ParseRetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow),
            contentType)
        {
            TraceId = problem.TraceId,
        };
    }

    /// <summary>The delay a <c>Retry-After</c> header asks for: delta seconds, or an HTTP date relative to <paramref name="now"/>.</summary>
    internal static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) =>
        retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };

    private static bool IsJson(string? mediaType) =>
        mediaType is not null
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task<Problem> ReadProblemAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        try
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            return new Problem(
                String(root, "type"),
                String(root, "title"),
                String(root, "detail"),
                root.TryGetProperty("attemptsLeft", out var left) && left.ValueKind == JsonValueKind.Number && left.TryGetInt32(out var n)
                    ? n
                    : null,
                String(root, "traceId"));
        }
        catch (JsonException)
        {
            // The status code is the answer; a body that claims to be JSON and is not only loses the details.
            return default;
        }
    }

    private static string? String(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private readonly record struct Problem(string? Type, string? Title, string? Detail, int? AttemptsLeft, string? TraceId);
}
