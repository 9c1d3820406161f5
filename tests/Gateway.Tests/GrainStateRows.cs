using System.Text;
using Azure;
using Azure.Data.Tables;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The gateway's grain state table as someone with access to the storage account sees it: raw rows, whatever the
/// grain storage serializer (text properties, or UTF-8 inside binary ones).
/// </summary>
public static class GrainStateRows
{
    /// <summary>Every row of the grain state table the fixture's gateway uses.</summary>
    public static async Task<List<TableEntity>> ReadAsync(GatewayFixture fixture)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table(fixture).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>True when any property of the row holds <paramref name="text"/>: as text, or as UTF-8 or UTF-16 bytes in a binary property.</summary>
    public static bool Contains(TableEntity row, string text) => row.Any(property => property.Value switch
    {
        string s => s.Contains(text, StringComparison.Ordinal),
        byte[] bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0,
        BinaryData data => data.ToMemory().Span.IndexOf(Encoding.UTF8.GetBytes(text)) >= 0,
        _ => false,
    });

    /// <summary>Replaces <paramref name="from"/> by <paramref name="to"/> (same length) everywhere in the table; returns the rows changed.</summary>
    public static async Task<int> ReplaceAsync(GatewayFixture fixture, string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        var table = Table(fixture);
        var replaced = 0;
        foreach (var row in await ReadAsync(fixture))
        {
            var changed = false;
            foreach (var (name, value) in row.ToList())
            {
                if (value is string text && text.Contains(from, StringComparison.Ordinal))
                {
                    row[name] = text.Replace(from, to, StringComparison.Ordinal);
                    changed = true;
                }
                else if (value is byte[] bytes && Swap(bytes, Encoding.UTF8.GetBytes(from), Encoding.UTF8.GetBytes(to)))
                {
                    changed = true;
                }
            }

            if (changed)
            {
                await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
                replaced++;
            }
        }

        return replaced;
    }

    /// <summary>A card's audit records: side rows beside its state in the grain state table, by sequence number.</summary>
    public static async Task<(TableClient Table, Dictionary<long, TableEntity> Rows)> AuditRowsAsync(GatewayFixture fixture, string cardRef)
    {
        var rows = (await ReadAsync(fixture))
            .Where(r => r.RowKey.Contains(cardRef, StringComparison.Ordinal) && r.ContainsKey("Hash") && r.GetInt64("Seq") is not null)
            .ToDictionary(r => r.GetInt64("Seq")!.Value);
        return (Table(fixture), rows);
    }

    private static TableClient Table(GatewayFixture fixture) =>
        new(Environment.GetEnvironmentVariable("WALLETGATEWAY_TEST_STORAGE"), fixture.LastSettings["Orleans:GrainStateTable"]);

    private static bool Swap(byte[] bytes, byte[] from, byte[] to)
    {
        var swapped = false;
        for (var at = bytes.AsSpan().IndexOf(from); at >= 0; at = bytes.AsSpan().IndexOf(from))
        {
            to.CopyTo(bytes, at);
            swapped = true;
        }

        return swapped;
    }
}
