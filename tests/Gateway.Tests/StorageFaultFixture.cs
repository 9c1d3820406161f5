using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains;
using WalletGateway.GroupCommitStorage;

namespace WalletGateway.Gateway.Tests;

/// <summary>A gateway whose durable grain state goes through <see cref="StateWriteFaults"/>.</summary>
public sealed class StorageFaultFixture : GatewayFixture
{
    public StateWriteFaults Faults { get; } = new();

    protected override void ConfigureGateway(WebApplicationBuilder builder)
    {
        var storage = Environment.GetEnvironmentVariable("WALLETGATEWAY_TEST_STORAGE")!;
        var transport = new HttpClientTransport(new HttpClient(Faults, disposeHandler: false));
        builder.Services.PostConfigure<GroupCommitStorageOptions>(StorageNames.Durable,
            o => o.TableServiceClient = new TableServiceClient(storage, new TableClientOptions { Transport = transport }));
    }
}
