using Azure;
using Azure.Core;
using Azure.Data.Tables;

namespace WalletGateway.Hosting;

/// <summary>Fails fast, with a message saying what to start, when the Table service cannot be reached.</summary>
public static class StorageProbe
{
    /// <summary>Client options with the request counter (<see cref="StorageRequestCounter"/>) in the pipeline.</summary>
    public static TableClientOptions ClientOptions()
    {
        var options = new TableClientOptions();
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
