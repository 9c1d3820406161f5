using Azure.Data.Tables;

namespace WalletGateway.GroupCommitStorage;

/// <summary>
/// Table keys and the row format: the same binary layout as Orleans' <c>AzureTableGrainStorage</c>
/// (serialized state split over properties <c>Data</c>, <c>Data1</c> … <c>Data14</c> of 64 KiB each).
/// </summary>
internal static class StateEntityCodec
{
    // Each binary property holds 64 KiB and an entity 1 MiB, so 15 full chunks (960 KiB) leave room
    // for the keys and system properties, as in Orleans' provider.
    public const int MaxChunkBytes = 64 * 1024;
    public const int MaxChunks = 15;
    public const int MaxStateBytes = MaxChunkBytes * MaxChunks;
    private const int MaxKeyLength = 1024;
    private const string DataProperty = "Data";
    private static readonly string[] ChunkNames = [.. Enumerable.Range(0, MaxChunks).Select(i => i == 0 ? DataProperty : DataProperty + i)];

    public static int Bucket(GrainId grainId, int partitionCount) => (int)(grainId.GetUniformHashCode() % (uint)partitionCount);

    public static string PartitionKey(string serviceId, int bucket) => $"{Escape(serviceId)}.gc{bucket:D3}";

    /// <summary>
    /// Escaped grain id and state name: percent-encoding leaves only RFC 3986 unreserved characters,
    /// so no character the Table service refuses in keys (<c>/ \ # ?</c>, controls) survives, and two
    /// different pairs never map to one key ('$' cannot appear inside an escaped part).
    /// </summary>
    public static string RowKey(GrainId grainId, string stateName)
    {
        var key = $"{Escape(grainId.ToString())}${Escape(stateName)}";
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException(
                $"Grain id '{grainId}' with state '{stateName}' makes a row key of {key.Length} characters; Azure Table allows {MaxKeyLength}.",
                nameof(grainId));
        }

        return key;
    }

    /// <summary>Row key of a side row kept beside the state: the state's row key, <c>$</c>, the name (or a name prefix).</summary>
    public static string SideRowKey(GrainId grainId, string stateName, string name) => $"{RowKey(grainId, stateName)}${name}";

    /// <summary>Row key prefix of every marker named <paramref name="name"/> in a partition.</summary>
    public static string MarkerPrefix(string name) => $"~{name}$";

    /// <summary>Row key of the grain's marker named <paramref name="name"/>.</summary>
    public static string MarkerKey(GrainId grainId, string stateName, string name) => MarkerPrefix(name) + RowKey(grainId, stateName);

    /// <summary>The transaction actions of side rows: upsert (replace) or delete of a row that must exist.</summary>
    public static TableTransactionAction[] SideActions(string partitionKey, GrainId grainId, string stateName, IReadOnlyList<SideRow> rows) =>
    [
        .. rows.Select(row =>
        {
            var rowKey = row.Scope == SideRowScope.Grain ? SideRowKey(grainId, stateName, row.Name) : MarkerKey(grainId, stateName, row.Name);
            if (row.Delete)
            {
                return new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), Azure.ETag.All);
            }

            var entity = new TableEntity(partitionKey, rowKey);
            foreach (var (key, value) in row.Properties)
            {
                entity[key] = value;
            }

            return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
        }),
    ];

    /// <summary>A row holding the serialized state, or no data at all (a cleared state).</summary>
    /// <exception cref="ArgumentOutOfRangeException">the state does not fit one entity.</exception>
    public static TableEntity Encode(string partitionKey, string rowKey, ReadOnlyMemory<byte> data)
    {
        if (data.Length > MaxStateBytes)
        {
            throw new ArgumentOutOfRangeException("GrainState.Size",
                $"Data too large to write to Azure table. Size={data.Length} MaxSize={MaxStateBytes}");
        }

        var entity = new TableEntity(partitionKey, rowKey);
        for (int offset = 0, i = 0; offset < data.Length; offset += MaxChunkBytes, i++)
        {
            entity[ChunkNames[i]] = data.Slice(offset, Math.Min(MaxChunkBytes, data.Length - offset)).ToArray();
        }

        return entity;
    }

    /// <summary>The serialized state of a row; empty for a cleared row.</summary>
    public static byte[] Decode(TableEntity entity)
    {
        var chunks = new List<byte[]>(1);
        foreach (var name in ChunkNames)
        {
            switch (entity.TryGetValue(name, out var value) ? value : null)
            {
                case byte[] { Length: > 0 } bytes:
                    chunks.Add(bytes);
                    break;
                // A JSON payload without type metadata returns binary as base64 text.
                case string { Length: > 0 } text:
                    chunks.Add(Convert.FromBase64String(text));
                    break;
            }
        }

        return chunks.Count == 1 ? chunks[0] : [.. chunks.SelectMany(c => c)];
    }

    /// <summary>Request bytes an entity adds to a batch body: base64 data, keys and framing.</summary>
    public static int EstimatedRequestBytes(TableEntity entity, int dataBytes) =>
        (dataBytes + 2) / 3 * 4 + 2 * (entity.PartitionKey.Length + entity.RowKey.Length) + 1024;

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
