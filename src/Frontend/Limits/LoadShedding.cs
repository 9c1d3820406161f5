using Microsoft.Extensions.Options;
using WalletGateway.Frontend.Problems;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Limits;

/// <summary>
/// Sheds new work first when this frontend is saturated: above <see cref="EdgeOptions.ShedNewWorkAboveInFlight"/>
/// requests in flight, registrations, session opens and member authentications get 503 with Retry-After,
/// while relays (a chip mid-write) and reads go ahead up to <see cref="EdgeOptions.MaxInFlight"/>.
/// No library limiter has priorities across request kinds, hence this counter.
/// </summary>
public sealed class LoadShedding(IOptions<EdgeOptions> options, LimiterMetrics metrics) : IMiddleware
{
    private readonly EdgeOptions _options = options.Value;
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            if (inFlight > _options.MaxInFlight || (inFlight > _options.ShedNewWorkAboveInFlight && IsNewWork(http.Request)))
            {
                metrics.Rejected("shedding");
                await ProblemWriter.WriteAsync(http, ProblemWriter.Create(GatewayError.Overloaded,
                    "The gateway is saturated and sheds new sessions first; retry after the indicated delay."), TimeSpan.FromSeconds(1));
                return;
            }

            await next(http);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Work that has not touched a chip yet.</summary>
    private static bool IsNewWork(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/v1/sessions", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/v1/devices", StringComparison.OrdinalIgnoreCase)
            || (request.Path.StartsWithSegments("/v1/sessions", StringComparison.OrdinalIgnoreCase)
                && request.Path.Value!.EndsWith("/authenticate", StringComparison.OrdinalIgnoreCase)));
}
