using Microsoft.AspNetCore.RateLimiting;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using WalletGateway.Grains;

namespace WalletGateway.Frontend.Extensions;

/// <summary>Per-device session opens and per-address device registrations (System.Threading.RateLimiting).</summary>
public static class RateLimitingExtensions
{
    public const string SessionOpenPolicy = "session-open";
    public const string DeviceRegistrationPolicy = "device-registration";

    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = new RateLimitOptions();
        configuration.GetSection(RateLimitOptions.Section).Bind(limits);
        services.AddRateLimiter(options =>
        {
            // Phones share carrier addresses: session opens are keyed on the device, not the IP.
            options.AddPolicy(SessionOpenPolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                "device:" + (DeviceToken.TryParse(DeviceAuthentication.BearerToken(http), out var deviceId, out _) ? deviceId : Address(http)),
                _ => Bucket(limits.SessionOpensPerMinute, limits.SessionOpenBurst)));
            options.AddPolicy(DeviceRegistrationPolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                "address:" + Address(http),
                _ => Bucket(limits.DeviceRegistrationsPerMinute, limits.DeviceRegistrationBurst)));
            options.OnRejected = WriteRejectionAsync;
        });
        return services;
    }

    private static TokenBucketRateLimiterOptions Bucket(int perMinute, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / perMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Every rejection: 429 (ASP.NET's default is 503), problem+json, Retry-After.</summary>
    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var (status, slug, title) = GatewayProblems.For(GatewayError.RateLimited);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Type = GatewayProblems.TypeBase + slug,
                Title = title,
                Detail = "Too many requests from this device; slow down and retry after the indicated delay.",
            },
        });
    }
}

/// <summary>Edge limits (configuration section <c>WalletGateway:RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "WalletGateway:RateLimits";

    /// <summary>Sustained session opens per device per minute.</summary>
    public int SessionOpensPerMinute { get; set; } = 20;

    /// <summary>Session opens a device may make at once.</summary>
    public int SessionOpenBurst { get; set; } = 10;

    public int DeviceRegistrationsPerMinute { get; set; } = 6000;

    public int DeviceRegistrationBurst { get; set; } = 1000;
}
