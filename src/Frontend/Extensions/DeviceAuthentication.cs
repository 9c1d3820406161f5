using Microsoft.Net.Http.Headers;
using WalletGateway.Grains;
using WalletGateway.Grains.Devices;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Extensions;

/// <summary>The device bearer token check of every session call.</summary>
public static class DeviceAuthentication
{
    /// <summary>The device id of a valid <c>Authorization: Bearer</c> token, or a 401.</summary>
    public static async Task<string> RequireDeviceAsync(HttpContext http, IGrainFactory grains)
    {
        if (!DeviceToken.TryParse(BearerToken(http), out var deviceId, out var secret)
            || !await GrainCalls.RetryRejectedAsync(() => grains.GetGrain<IDeviceGrain>(deviceId).IsTokenValidAsync(secret)))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            throw new GatewayException(GatewayError.InvalidDeviceToken, "A valid device token is required: register with POST /v1/devices.");
        }

        return deviceId;
    }

    /// <summary>The bearer token as sent, unchecked (also the rate-limit partition key).</summary>
    public static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
