using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.GroupCommitStorage;

namespace WalletGateway.Grains.Audit;

/// <summary>
/// A card's append-only audit trail. Each record is a side row of the card's state (<see cref="SideRow"/>, name
/// <c>a</c> + the sequence number in 10 digits), written in the same batch transaction as the change it records, so
/// the trail is one range query inside the card's partition. Its records follow <see cref="Chain"/>.
/// </summary>
public sealed class AuditLog(IServiceProvider services, AuditChain chain)
{
    /// <summary>Name prefix of audit side rows.</summary>
    public const string RowPrefix = "a";

    private ISideRowStore? _store;

    public AuditChain Chain => chain;

    /// <summary>The durable grain storage, which must write side rows (the group-commit provider does).</summary>
    public ISideRowStore Store => _store ??= services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Durable) as ISideRowStore
        ?? throw new InvalidOperationException($"The '{StorageNames.Durable}' grain storage does not write side rows; cards need the group-commit provider.");

    public static string RowName(long seq) => RowPrefix + seq.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The side row of a record, written with the card's state.</summary>
    public static SideRow ToSideRow(AuditRecord r) => new(RowName(r.Seq), SideRowScope.Grain, new Dictionary<string, object?>
    {
        ["Seq"] = r.Seq,
        ["At"] = r.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["Event"] = r.Event,
        ["Actor"] = r.Actor,
        ["SessionId"] = r.SessionId?.ToString("N"),
        ["ChipId"] = r.ChipId,
        ["CardId"] = r.CardId,
        ["Reason"] = r.Reason,
        ["PreviousHash"] = r.PreviousHash,
        ["Hash"] = r.Hash,
    });

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(GrainId card, string stateName, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        await foreach (var entity in Store.ReadSideRowsAsync(stateName, card, RowPrefix, cancellationToken))
        {
            records.Add(FromEntity(entity));
        }

        return records;
    }

    private static AuditRecord FromEntity(TableEntity e) => new(
        e.GetInt64("Seq") ?? -1,
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
