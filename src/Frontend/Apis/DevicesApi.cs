using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WalletGateway.Contracts;
using WalletGateway.Frontend.Limits;
using WalletGateway.Frontend.Problems;
using WalletGateway.Frontend.Security;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

public static class DevicesApi
{
    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/devices").WithTags("Devices").ProducesEdgeProblems();
        api.MapPost("/", RegisterDeviceAsync)
            .WithName("RegisterDevice")
            .WithSummary("Registers a wallet app installation and returns its bearer token (shown once).")
            .RequireRateLimiting(EdgeLimits.DeviceRegistrationPolicy)
            .ProducesBodyProblems()
            .ProducesProblems(GatewayError.DeviceAlreadyRegistered);
        return app;
    }

    public static async Task<Created<DeviceRegisteredResponse>> RegisterDeviceAsync(RegisterDeviceRequest request, IGrainFactory grains, IOptions<DeviceTokenOptions> tokens)
    {
        var model = RequestValidation.RequireText(request.Model, "model", 100);
        var osVersion = RequestValidation.RequireText(request.OsVersion, "osVersion", 100);
        var deviceId = DeviceToken.NewDeviceId();
        var generation = await grains.GetGrain<IDeviceGrain>(deviceId).RegisterAsync(model, osVersion);
        return TypedResults.Created($"/v1/devices/{deviceId}", new DeviceRegisteredResponse(deviceId, DeviceToken.Format(deviceId, generation, tokens.Value.KeyBytes())));
    }
}
