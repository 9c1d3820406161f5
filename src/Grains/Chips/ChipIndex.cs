using Azure.Data.Tables;
using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Chips;

/// <summary>
/// Which cards were written to which chip: partition = chip id, row = card key. Rows are only ever upserted
/// (when a card goes active or unconfirmed on the chip); the card grain says whether the card is still there.
/// </summary>
public sealed class ChipIndex(CardTables tables)
{
    public async Task UpsertAsync(string chipId, string issuerId, string cardRef, string? cardId, CancellationToken cancellationToken)
    {
        var table = await tables.ChipIndexAsync();
        await table.UpsertEntityAsync(new TableEntity(chipId, CardTables.Key(CardKey.For(issuerId, cardRef)))
        {
            ["IssuerId"] = issuerId,
            ["CardRef"] = cardRef,
            ["CardId"] = cardId,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<CardLocation>> ListAsync(string chipId, CancellationToken cancellationToken)
    {
        var table = await tables.ChipIndexAsync();
        var cards = new List<CardLocation>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == chipId, cancellationToken: cancellationToken))
        {
            cards.Add(new CardLocation(e.GetString("IssuerId") ?? "", e.GetString("CardRef") ?? "", e.GetString("CardId")));
        }

        return cards;
    }
}
