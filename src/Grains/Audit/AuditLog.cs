using System.Globalization;
using Azure;
using Azure.Data.Tables;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Audit;

/// <summary>
/// The append-only audit table: partition = the card key (escaped), row = the sequence number (10 digits),
/// so a card's trail is one partition query and one card's records append in one batch transaction. Its records
/// follow <see cref="Chain"/>.
/// </summary>
public sealed class AuditLog(CardTables tables, AuditChain chain)
{
    public AuditChain Chain => chain;

    public static string PartitionKey(string cardKey) => CardTables.Key(cardKey);

    public static string RowKey(long seq) => seq.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>Writes the records in one batch transaction; a record already there is replaced by the same content (idempotent).</summary>
    public async Task AppendAsync(string cardKey, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        var table = await tables.AuditAsync();
        await table.SubmitTransactionAsync(
            records.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(cardKey, r))), cancellationToken);
    }

    /// <summary>True when the record is stored exactly as given.</summary>
    public async Task<bool> ContainsAsync(string cardKey, AuditRecord record, CancellationToken cancellationToken)
    {
        var table = await tables.AuditAsync();
        var found = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(cardKey), RowKey(record.Seq), cancellationToken: cancellationToken);
        return found.HasValue && FromEntity(found.Value!) == record;
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(string cardKey, CancellationToken cancellationToken)
    {
        var table = await tables.AuditAsync();
        var records = new List<AuditRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == PartitionKey(cardKey), cancellationToken: cancellationToken))
        {
            records.Add(FromEntity(entity));
        }

        return records;
    }

    private static TableEntity ToEntity(string cardKey, AuditRecord r) => new(PartitionKey(cardKey), RowKey(r.Seq))
    {
        ["At"] = r.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["Event"] = r.Event,
        ["Actor"] = r.Actor,
        ["SessionId"] = r.SessionId?.ToString("N"),
        ["ChipId"] = r.ChipId,
        ["CardId"] = r.CardId,
        ["Reason"] = r.Reason,
        ["PreviousHash"] = r.PreviousHash,
        ["Hash"] = r.Hash,
    };

    private static AuditRecord FromEntity(TableEntity e) => new(
        long.TryParse(e.RowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : -1,
        DateTimeOffset.TryParse(e.GetString("At"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : default,
        e.GetString("Event") ?? "",
        e.GetString("Actor") ?? "",
        Guid.TryParseExact(e.GetString("SessionId") ?? "", "N", out var session) ? session : null,
        e.GetString("ChipId"),
        e.GetString("CardId"),
        e.GetString("Reason"),
        e.GetString("PreviousHash") ?? "",
        e.GetString("Hash") ?? "");
}
