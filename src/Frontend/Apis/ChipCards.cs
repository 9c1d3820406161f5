using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

/// <summary>
/// The cards the chip index lists for a chip, each with what its card grain holds now (the grain is the truth: the index
/// rows are only ever added), and whether the card's removal from this chip is pending (a remote wipe).
/// </summary>
internal static class ChipCards
{
    public static async Task<ChipCard[]> ReadAsync(string chipId, IGrainFactory grains) =>
        await ViewAsync(chipId, await grains.GetGrain<IChipCardsGrain>(chipId).ListAsync(), grains);

    /// <summary>
    /// The cards whose removal from <paramref name="chipId"/> is pending: only the cards whose index row is flagged are asked
    /// (a session open costs the index read, not a call to each card the chip ever held). A wipe's flag lands with the
    /// card's chip index write (within about a second); until then the open does not tell it, the chip's card listing does.
    /// </summary>
    public static async Task<ChipCard[]> PendingRemovalsAsync(string chipId, IGrainFactory grains)
    {
        var flagged = (await grains.GetGrain<IChipCardsGrain>(chipId).ListAsync()).Where(l => l.RemovalPending).ToList();
        return flagged.Count == 0 ? [] : [.. (await ViewAsync(chipId, flagged, grains)).Where(c => c.RemovalPending)];
    }

    private static async Task<ChipCard[]> ViewAsync(string chipId, IEnumerable<CardLocation> locations, IGrainFactory grains) =>
        await Task.WhenAll(locations.Select(async l =>
        {
            var view = await grains.GetGrain<ICardGrain>(CardKey.For(l.IssuerId, l.CardRef)).GetAsync();
            var pending = l.CardId is not null && view.RemovalPendingChipId == chipId && view.RemovalPendingCardId == l.CardId;
            return new ChipCard(l, view, pending);
        }));
}

/// <summary>A chip index row and its card's view; <paramref name="RemovalPending"/> when the card must still be taken off this chip.</summary>
internal sealed record ChipCard(CardLocation Location, CardView View, bool RemovalPending);
