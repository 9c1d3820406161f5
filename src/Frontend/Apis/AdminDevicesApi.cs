using Microsoft.AspNetCore.Http.HttpResults;
using WalletGateway.Frontend.Problems;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

/// <summary>Devices: the operator revokes one, and its token is refused at once on every frontend (the device's grain decides).</summary>
public static partial class AdminDevicesApi
{
    public static RouteGroupBuilder MapAdminDevices(this RouteGroupBuilder admin)
    {
        admin.MapPost("/devices/{deviceId}/revoke", RevokeAsync).WithName("AdminRevokeDevice")
            .WithSummary("Revokes a device: every request with its token is refused (401) from now on.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return admin;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string deviceId, HttpContext http, IGrainFactory grains, ILoggerFactory loggers)
    {
        if (!DeviceToken.IsDeviceId(deviceId) || !await grains.GetGrain<IDeviceGrain>(deviceId).RevokeAsync())
        {
            return TypedResults.Problem(ProblemWriter.Create(StatusCodes.Status404NotFound, "device-not-found", "No such device.",
                "No registered device has this id."));
        }

        LogRevoked(loggers.CreateLogger(typeof(AdminDevicesApi).FullName!), AdminApi.OperatorOf(http) ?? "unnamed", deviceId);
        return TypedResults.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator {Operator} revoked device {DeviceId}")]
    private static partial void LogRevoked(ILogger logger, string @operator, string deviceId);
}
