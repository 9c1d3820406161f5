using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WalletGateway.Frontend.Problems;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using IPNetwork = System.Net.IPNetwork;

namespace WalletGateway.Frontend.Limits;

/// <summary>
/// The edge layers: forwarded-for from trusted proxies, header size, load shedding by priority,
/// per-address rate (System.Threading.RateLimiting), device registrations per address, trusted networks.
/// Per-device, per-member, per-chip and per-issuer limits live in the grains.
/// </summary>
public static class EdgeLimits
{
    public const string DeviceRegistrationPolicy = "device-registration";

    public static IServiceCollection AddEdgeLimits(this IServiceCollection services)
    {
        services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.TrustedNetworks.All(n => IPNetwork.TryParse(n, out _)), $"{nameof(EdgeOptions.TrustedNetworks)} must be CIDR networks, e.g. 10.0.0.0/8.")
            .Validate(o => o.TrustedProxies.All(p => IPAddress.TryParse(p, out _)), $"{nameof(EdgeOptions.TrustedProxies)} must be IP addresses.")
            .Validate(o => o.ShedNewWorkAboveInFlight <= o.MaxInFlight, $"{nameof(EdgeOptions.ShedNewWorkAboveInFlight)} must not exceed {nameof(EdgeOptions.MaxInFlight)}.")
            .ValidateOnStart();
        services.TryAddLimiterMetrics();
        services.AddSingleton<LoadShedding>();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var edge = http.RequestServices.GetRequiredService<IOptions<EdgeOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter("address:" + Address(http), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = edge.BurstPerAddress,
                    TokensPerPeriod = Math.Max(1, edge.RequestsPerSecondPerAddress / 10),
                    ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                    QueueLimit = 0,
                });
            });
            options.AddPolicy(DeviceRegistrationPolicy, http =>
            {
                var edge = http.RequestServices.GetRequiredService<IOptions<EdgeOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter("registration:" + Address(http), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = edge.DeviceRegistrationsPerMinutePerAddress,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / edge.DeviceRegistrationsPerMinutePerAddress),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, _) =>
            {
                var layer = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "address";
                context.HttpContext.RequestServices.GetRequiredService<LimiterMetrics>().Rejected(layer);
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                await ProblemWriter.WriteAsync(context.HttpContext, ProblemWriter.Create(GatewayError.RateLimited,
                    "Too many requests from this client; slow down and retry after the indicated delay."), retryAfter);
            };
        });
        return services;
    }

    public static WebApplication UseEdgeLimits(this WebApplication app)
    {
        var edge = app.Services.GetRequiredService<IOptions<EdgeOptions>>().Value;
        if (edge.TrustedProxies.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
            // Only the configured proxies: the defaults (loopback) would let any local client spoof its address.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in edge.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            app.UseForwardedHeaders(forwarded);
        }

        app.Use(async (http, next) =>
        {
            var headerBytes = 0L;
            foreach (var header in http.Request.Headers)
            {
                headerBytes += header.Key.Length + 4 + header.Value.Sum(v => (long)(v?.Length ?? 0));
            }

            if (headerBytes > edge.MaxRequestHeadersBytes)
            {
                await ProblemWriter.WriteAsync(http, ProblemWriter.Create(431, "headers-too-large", "Request headers are too large.",
                    $"The request's headers exceed {edge.MaxRequestHeadersBytes} bytes."));
                return;
            }

            await next(http);
        });
        app.UseMiddleware<LoadShedding>();
        app.UseRateLimiter();
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<TrustedNetworkMetadata>() is not null)
            {
                EnsureTrustedNetwork(http);
            }

            await next(http);
        });
        return app;
    }

    /// <summary>Sessions only from the trusted networks, when any are configured (checked before the device token).</summary>
    public static RouteHandlerBuilder RequireTrustedNetwork(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new TrustedNetworkMetadata());

    private static void EnsureTrustedNetwork(HttpContext http)
    {
        var edge = http.RequestServices.GetRequiredService<IOptionsMonitor<EdgeOptions>>().CurrentValue;
        if (edge.TrustedNetworks.Count > 0)
        {
            var address = http.Connection.RemoteIpAddress;
            if (address is null || !edge.TrustedNetworks.Any(n => IPNetwork.Parse(n).Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)))
            {
                http.RequestServices.GetRequiredService<LimiterMetrics>().Rejected("network");
                throw new GatewayException(GatewayError.UntrustedNetwork, "Sessions are accepted only from the operator's trusted networks.");
            }
        }
    }

    /// <summary>The per-address partition: an IPv4 address, or an IPv6 client's /64 (one subscriber's prefix, whose addresses it picks freely).</summary>
    public static string Address(HttpContext http) => PartitionOf(http.Connection.RemoteIpAddress);

    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static IServiceCollection TryAddLimiterMetrics(this IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<LimiterMetrics>(services);
        return services;
    }
}
