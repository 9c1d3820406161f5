using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace WalletGateway.Grains.Audit;

/// <summary>The Azure Table that cards write besides their grain state: the chip index (created on first use).</summary>
public sealed class CardTables(IConfiguration configuration, IOptions<AuditOptions> options, TableClientOptions? clientOptions = null)
{
    private readonly Lazy<TableServiceClient> _service = new(() =>
        new TableServiceClient(configuration.GetConnectionString("AzureStorage") ?? "UseDevelopmentStorage=true", clientOptions ?? new TableClientOptions()));

    private Task<TableClient>? _chipIndex;

    public Task<TableClient> ChipIndexAsync() => Ensure(ref _chipIndex, options.Value.ChipIndexTableName);

    /// <summary>A row or partition key for any text: the characters Azure Table refuses are %-escaped.</summary>
    public static string Key(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or '$' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // A failed creation is not cached: the next call tries again.
    private Task<TableClient> Ensure(ref Task<TableClient>? slot, string name)
    {
        var task = Volatile.Read(ref slot);
        if (task is null || task.IsFaulted || task.IsCanceled)
        {
            task = CreateAsync(name);
            Volatile.Write(ref slot, task);
        }

        return task;
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        var table = _service.Value.GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
