using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace WalletGateway.Frontend.Security;

/// <summary>
/// Device bearer tokens as the frontend's authentication scheme: routes that need a device call
/// <c>.RequireAuthorization()</c> and read the device id from the caller's claims.
/// </summary>
public static class DeviceTokenAuthentication
{
    public const string Scheme = "DeviceToken";

    /// <summary>The claim holding the id of the device the token belongs to.</summary>
    public const string DeviceIdClaim = "device_id";

    public static IServiceCollection AddDeviceTokenAuthentication(this IServiceCollection services)
    {
        services.AddOptions<DeviceTokenOptions>().BindConfiguration(DeviceTokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, DeviceTokenHandler>(Scheme, null);
        services.AddAuthorization();
        // Refusals are answered (401), not logged one by one: a flood of bad tokens must not become a flood of log lines.
        services.AddLogging(logging => logging.AddFilter(typeof(DeviceTokenHandler).FullName, LogLevel.Warning));
        return services;
    }

    /// <summary>The device id of an authenticated caller.</summary>
    public static string DeviceId(this ClaimsPrincipal user) =>
        user.FindFirstValue(DeviceIdClaim) ?? throw new InvalidOperationException("The route does not require a device: add RequireAuthorization().");

    /// <summary>The bearer token as sent, unchecked.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
