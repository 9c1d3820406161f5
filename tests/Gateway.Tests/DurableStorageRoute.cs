using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains;
using WalletGateway.GroupCommitStorage;

namespace WalletGateway.Gateway.Tests;

/// <summary>Puts a handler between the gateway's durable grain storage and the test Azurite.</summary>
public static class DurableStorageRoute
{
    /// <summary>The durable storage's Table client, with <paramref name="options"/>, sends its requests through <paramref name="handler"/>.</summary>
    public static void Through(WebApplicationBuilder builder, HttpMessageHandler handler, TableClientOptions options)
    {
        options.Transport = new HttpClientTransport(new HttpClient(handler, disposeHandler: false));
        var client = new TableServiceClient(Environment.GetEnvironmentVariable("WALLETGATEWAY_TEST_STORAGE")!, options);
        builder.Services.PostConfigure<GroupCommitStorageOptions>(StorageNames.Durable, o => o.TableServiceClient = client);
    }
}
