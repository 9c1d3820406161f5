using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WalletGateway.Frontend.Security;

namespace WalletGateway.Frontend.Limits;

/// <summary>
/// The issuer API's rate limit, an ASP.NET Core rate-limiting policy beside the edge's (rejections answered by its
/// <c>OnRejected</c>: 429 with <c>Retry-After</c>). The limiter runs before authentication, so a request is counted by the
/// hash of the key it presents: an issuer's key is one bucket, and a caller without that key cannot spend it (made-up keys
/// each get a bucket of their own, and the per-address limit holds a flood of them). A key is one issuer's, so this is a
/// limit per issuer.
/// </summary>
public static class IssuerApiLimits
{
    public const string Policy = "issuer-api";

    public static IServiceCollection AddIssuerApiLimits(this IServiceCollection services)
    {
        services.AddOptions<IssuerApiOptions>().BindConfiguration(IssuerApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(Policy, http =>
        {
            var key = http.Request.Headers[IssuerKeyAuthentication.Header].ToString();
            if (key.Length is 0 or > IssuerKeyAuthentication.MaxKeyLength)
            {
                // Refused by authentication without a grain call; the per-address limit already counted it.
                return RateLimitPartition.GetNoLimiter("issuer-key:none");
            }

            var limits = http.RequestServices.GetRequiredService<IOptions<IssuerApiOptions>>().Value;
            return RateLimitPartition.GetTokenBucketLimiter("issuer-key:" + Convert.ToHexString(IssuerKeyAuthentication.Hash(key)), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.Burst,
                TokensPerPeriod = limits.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            });
        }));
        return services;
    }
}
