using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace WalletGateway.Hosting;

/// <summary>
/// Counts the requests the silo's Table clients send (<c>walletgateway.storage.requests</c>, by table): what a flood
/// of requests costs in storage shows on the dashboards, and a request that should cost none is seen if it does.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    public const string MeterName = "WalletGateway.StorageRequests";

    public const string InstrumentName = "walletgateway.storage.requests";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(InstrumentName, "{request}", "Requests sent to Azure Table storage.");

    public static StorageRequestCounter Instance { get; } = new();

    public override void OnSendingRequest(HttpMessage message) =>
        Requests.Add(1, new TagList { { "table", TableOf(message.Request.Uri.Path) } });

    /// <summary>The table a request path names: <c>/{account}/{table}(keys)</c> or <c>/{table}(keys)</c>, without the keys.</summary>
    public static string TableOf(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var last = segments.Length == 0 ? "" : segments[^1];
        var keys = last.IndexOf('(');
        return keys < 0 ? last : last[..keys];
    }
}
