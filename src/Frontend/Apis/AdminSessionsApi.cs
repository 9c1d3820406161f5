using Microsoft.AspNetCore.Http.HttpResults;
using WalletGateway.Contracts;
using WalletGateway.Contracts.Admin;
using WalletGateway.Frontend.Problems;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

/// <summary>Sessions by id, whichever device opened them.</summary>
public static class AdminSessionsApi
{
    public static RouteGroupBuilder MapAdminSessions(this RouteGroupBuilder admin)
    {
        admin.MapGet("/sessions/{sessionId}", GetAsync).WithName("AdminGetSession").WithSummary("A live session: state, device, issuer, chip and card.")
            .ProducesProblems(GatewayError.SessionNotFound);
        return admin;
    }

    public static async Task<Ok<AdminSessionResponse>> GetAsync(string sessionId, IGrainFactory grains)
    {
        if (!SessionIds.TryParse(sessionId, out var id))
        {
            throw new GatewayException(GatewayError.SessionNotFound, "Unknown or expired session.");
        }

        return TypedResults.Ok(ToResponse(await grains.GetGrain<ITerminalSessionGrain>(id).GetDetailsAsync()));
    }

    internal static AdminSessionResponse ToResponse(SessionDetails s) =>
        new(SessionIds.Format(s.SessionId), s.State.ToWire(), s.Seq, s.ExpiresAt, s.DeviceId, s.IssuerId, s.ChipId, s.CardRef, s.CardId);
}
