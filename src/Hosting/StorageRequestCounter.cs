using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace WalletGateway.Hosting;

/// <summary>
/// Counts the requests the silo's Table clients send (<c>walletgateway.storage.requests</c>, by table and operation): what
/// a flood of requests costs in storage shows on the dashboards, and a request that should cost none is seen if it does.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    public const string MeterName = "WalletGateway.StorageRequests";

    public const string InstrumentName = "walletgateway.storage.requests";

    /// <summary>The table tag of an entity group transaction: its path names no table (the body does).</summary>
    public const string BatchTable = "$batch";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(InstrumentName, "{request}", "Requests sent to Azure Table storage.");

    public static StorageRequestCounter Instance { get; } = new();

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var (table, op) = Classify(request.Method.Method, request.Uri.Path, request.Headers.Contains(HttpHeader.Names.IfMatch));
        Requests.Add(1, new TagList { { "table", table }, { "op", op } });
    }

    /// <summary>
    /// The table and operation of a Table service request: <c>get</c> (one entity by its keys), <c>query</c>, <c>insert</c>,
    /// <c>batch</c>, <c>update</c> / <c>upsert</c> (PUT with / without If-Match), <c>merge</c> / <c>merge-upsert</c>,
    /// <c>delete</c>; on the <c>Tables</c> resource <c>create-table</c>, <c>query-tables</c>, <c>delete-table</c>.
    /// </summary>
    public static (string Table, string Op) Classify(string method, string path, bool ifMatch)
    {
        var table = TableOf(path);
        // A point read names its keys, "table(PartitionKey='p',RowKey='r')"; a query has none, "table()" or "table".
        var keys = path.EndsWith(')') && !path.EndsWith("()", StringComparison.Ordinal);
        if (table == BatchTable)
        {
            return (table, "batch");
        }

        if (table == "Tables")
        {
            return (table, method switch { "POST" => "create-table", "GET" => "query-tables", "DELETE" => "delete-table", _ => method.ToLowerInvariant() });
        }

        var op = method switch
        {
            "GET" => keys ? "get" : "query",
            "POST" => "insert",
            "PUT" => ifMatch ? "update" : "upsert",
            "MERGE" or "PATCH" => ifMatch ? "merge" : "merge-upsert",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };
        return (table, op);
    }

    /// <summary>The table a request path names: <c>/{account}/{table}(keys)</c> or <c>/{table}(keys)</c>, without the keys.</summary>
    public static string TableOf(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var last = segments.Length == 0 ? "" : segments[^1];
        var keys = last.IndexOf('(');
        return keys < 0 ? last : last[..keys];
    }
}
