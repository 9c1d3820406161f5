using Azure;
using Azure.Core;
using Azure.Data.Tables;

namespace WalletGateway.Hosting;

/// <summary>Fails fast, with a message saying what to start, when the Table service cannot be reached.</summary>
public static class StorageProbe
{
    /// <summary>Retries of a failed storage request (the SDK's default is 3): an outage is answered 503 quickly, not after 4 tries.</summary>
    public const int MaxRetries = 2;

    /// <summary>First retry delay (the SDK's default 0.8 s), doubled per retry with jitter, capped by <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest retry delay (the SDK's default is 1 min).</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest wait for one attempt's answer (the SDK's default is 100 s). Table requests answer in milliseconds (a batch
    /// of 100 in tens of ms); an attempt silent for 5 s is a storage that is gone, and the grain call behind it should end.
    /// </summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Client options for a gateway (docs/operations.md, "Storage outage"): the request counter
    /// (<see cref="StorageRequestCounter"/>) in the pipeline, and retries that give up within about a second when storage
    /// refuses connections (0.2 s, then 0.4 s), so a call caught by an outage ends (503, <c>Retry-After</c>) instead of
    /// holding its grain, its partition's batch slot and the terminal for 6 s of SDK back-off; and the first call after
    /// storage returns is at most one short delay away from its next attempt.
    /// </summary>
    public static TableClientOptions ClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = RetryDelay;
        options.Retry.MaxDelay = MaxRetryDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        options.AddPolicy(StorageRequestCounter.Instance, HttpPipelinePosition.PerRetry);
        return options;
    }

    public static TableServiceClient CreateClient(string connectionString, bool retries = true)
    {
        var options = ClientOptions();
        if (!retries)
        {
            options.Retry.MaxRetries = 0;
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(3);
        }

        return new TableServiceClient(connectionString, options);
    }

    /// <exception cref="StorageUnreachableException">the Table service did not answer.</exception>
    public static async Task EnsureReachableAsync(string connectionString, string setting = "ConnectionStrings:AzureStorage",
        CancellationToken cancellationToken = default)
    {
        TableServiceClient client;
        try
        {
            client = CreateClient(connectionString, retries: false);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new StorageUnreachableException($"{setting} is not a valid Azure Storage connection string.", e);
        }

        try
        {
            await foreach (var _ in client.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or OperationCanceledException or TaskCanceledException)
        {
            throw new StorageUnreachableException(
                $"Azure Table storage at {client.Uri} is unreachable ({e.GetType().Name}). " +
                "Start Azurite first: `./run.sh` starts it with everything else, or run " +
                "`npx azurite --silent --location .data/azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1`; " +
                $"or point {setting} at a reachable storage account.", e);
        }
    }
}
