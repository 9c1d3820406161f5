using Microsoft.AspNetCore.Http.HttpResults;
using WalletGateway.Contracts.Admin;
using WalletGateway.Frontend.Problems;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

/// <summary>
/// Devices: the operator looks one up with its live sessions and the cards it wrote, and revokes it: its token is refused
/// at once on every frontend (the device's grain decides every token check) and its live sessions end.
/// </summary>
public static partial class AdminDevicesApi
{
    public static RouteGroupBuilder MapAdminDevices(this RouteGroupBuilder admin)
    {
        var api = admin.MapGroup("/devices/{deviceId}");
        api.MapGet("/", GetAsync).WithName("AdminGetDevice")
            .WithSummary("A registered device: model, OS version, registration and revocation time, sessions open now.")
            .ProducesProblems(GatewayError.DeviceNotFound);
        api.MapGet("/sessions", SessionsAsync).WithName("AdminDeviceSessions")
            .WithSummary("The device's live sessions: state, seq, expiry, issuer, chip and card.")
            .ProducesProblems(GatewayError.DeviceNotFound);
        api.MapGet("/cards", CardsAsync).WithName("AdminDeviceCards")
            .WithSummary("The cards the device wrote (card id, chip) with each card's status now.")
            .ProducesProblems(GatewayError.DeviceNotFound);
        api.MapPost("/revoke", RevokeAsync).WithName("AdminRevokeDevice")
            .WithSummary("Revokes a device: every request with its token is refused (401) from now on, and its live sessions end (aborted).")
            .ProducesProblems(GatewayError.DeviceNotFound);
        return admin;
    }

    public static async Task<Ok<AdminDeviceResponse>> GetAsync(string deviceId, IGrainFactory grains)
    {
        var d = await OverviewAsync(deviceId, grains);
        return TypedResults.Ok(new AdminDeviceResponse(d.DeviceId, d.Model, d.OsVersion, d.RegisteredAt, d.RevokedAt, d.OpenSessions.Count));
    }

    public static async Task<Ok<AdminSessionResponse[]>> SessionsAsync(string deviceId, IGrainFactory grains)
    {
        var device = await OverviewAsync(deviceId, grains);
        var sessions = await Task.WhenAll(device.OpenSessions.Select(async id =>
        {
            try
            {
                return await grains.GetGrain<ITerminalSessionGrain>(id).GetDetailsAsync();
            }
            catch (GatewayException e) when (e.Error == GatewayError.SessionNotFound)
            {
                // Expired between the device's answer and this one.
                return null;
            }
        }));
        return TypedResults.Ok(sessions.OfType<SessionDetails>().OrderBy(s => s.ExpiresAt).Select(AdminSessionsApi.ToResponse).ToArray());
    }

    public static async Task<Ok<AdminDeviceCardResponse[]>> CardsAsync(string deviceId, IGrainFactory grains)
    {
        await OverviewAsync(deviceId, grains);
        var locations = await grains.GetGrain<IDeviceCardsGrain>(deviceId).ListAsync();
        var cards = await Task.WhenAll(locations.Select(async l =>
        {
            var view = await grains.GetGrain<ICardGrain>(CardKey.For(l.IssuerId, l.CardRef)).GetAsync();
            return new AdminDeviceCardResponse(l.IssuerId, l.CardRef, l.CardId, l.ChipId, view.Status.ToWire(),
                view.ChipId == l.ChipId, view.RemovalPendingChipId == l.ChipId);
        }));
        return TypedResults.Ok(cards);
    }

    public static async Task<NoContent> RevokeAsync(string deviceId, HttpContext http, IGrainFactory grains, ILoggerFactory loggers)
    {
        var revoked = (DeviceToken.IsDeviceId(deviceId) ? await grains.GetGrain<IDeviceGrain>(deviceId).RevokeAsync() : null) ?? throw NotFound();

        // The token is refused from here on; the sessions it had open are ended here, as the terminal no longer can. A
        // revocation sent again ends whatever an interrupted one left open (the device begins no new session once revoked).
        await Task.WhenAll(revoked.OpenSessions.Select(id => grains.GetGrain<ITerminalSessionGrain>(id).EndForRevokedDeviceAsync(deviceId)));
        LogRevoked(loggers.CreateLogger(typeof(AdminDevicesApi).FullName!), AdminApi.OperatorOf(http) ?? "unnamed", deviceId, revoked.OpenSessions.Count);
        return TypedResults.NoContent();
    }

    private static async Task<DeviceOverview> OverviewAsync(string deviceId, IGrainFactory grains) =>
        (DeviceToken.IsDeviceId(deviceId) ? await grains.GetGrain<IDeviceGrain>(deviceId).GetOverviewAsync() : null) ?? throw NotFound();

    private static GatewayException NotFound() => new(GatewayError.DeviceNotFound, "No registered device has this id.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator {Operator} revoked device {DeviceId}, ending its {Sessions} open sessions")]
    private static partial void LogRevoked(ILogger logger, string @operator, string deviceId, int sessions);
}
