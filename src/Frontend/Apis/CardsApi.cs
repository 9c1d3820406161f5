using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WalletGateway.Contracts;
using WalletGateway.Frontend.Problems;
using WalletGateway.Frontend.Security;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

/// <summary>
/// <c>GET /v1/cards?chipId=…</c>: the status the gateway holds for the cards written to a chip, so the app can
/// show a suspended or deleted card as such. Only the device that wrote a card to the chip sees it; a device that
/// wrote none there gets 404, the same answer as for a chip without cards, so the answer tells other devices nothing
/// (not even that the chip holds cards). The answer names issuer, card id and status only (no card reference, no card data).
/// A card whose removal from the chip is pending (a remote wipe) is listed to any device, as <c>removal-pending</c>.
/// </summary>
public static class CardsApi
{
    /// <summary>The status of a card whose removal from the chip is pending (a remote wipe).</summary>
    public const string RemovalPendingStatus = "removal-pending";

    public static IEndpointRouteBuilder MapCardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/cards").WithTags("Cards").RequireAuthorization()
            .ProducesEdgeProblems().ProducesProblems(GatewayError.InvalidDeviceToken);
        api.MapGet("/", ListAsync)
            .WithName("ListChipCards")
            .ProducesProblems(GatewayError.InvalidRequest, GatewayError.CardNotFound)
            .WithSummary("Status of the cards written to a chip: active, suspended, deleted (no longer on this chip), unconfirmed or removal-pending.");
        return app;
    }

    public static async Task<Ok<ChipCardResponse[]>> ListAsync(string? chipId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var deviceId = user.DeviceId();
        var chip = RequestValidation.RequireHex(chipId, "chipId", exactBytes: 10).ToUpperInvariant();
        var cards = (await ChipCards.ReadAsync(chip, grains)).Select(c =>
        {
            var (l, view) = (c.Location, c.View);
            if (c.RemovalPending)
            {
                // A remote wipe is told to any device asking about the chip: whoever holds the phone must run it.
                return new ChipCardResponse(l.IssuerId, l.CardId!, RemovalPendingStatus);
            }

            if (view.DeviceId != deviceId)
            {
                return null;
            }

            // A card bound to another chip, or to none, is no longer on this one.
            var status = view.ChipId == chip && view.CardId == l.CardId ? view.Status.ToWire() : CardStatus.Deleted.ToWire();
            return new ChipCardResponse(l.IssuerId, l.CardId ?? "", status);
        });
        var mine = cards.OfType<ChipCardResponse>().ToArray();
        if (mine.Length == 0)
        {
            throw new GatewayException(GatewayError.CardNotFound, "This device wrote no card to this chip.");
        }

        return TypedResults.Ok(mine);
    }
}
