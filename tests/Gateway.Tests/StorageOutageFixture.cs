using Microsoft.AspNetCore.Builder;
using WalletGateway.Hosting;

namespace WalletGateway.Gateway.Tests;

/// <summary>A gateway whose durable grain storage, with the gateway's client settings, goes through <see cref="StorageOutage"/>.</summary>
public sealed class StorageOutageFixture : GatewayFixture
{
    public StorageOutage Outage { get; } = new();

    protected override void ConfigureGateway(WebApplicationBuilder builder) =>
        DurableStorageRoute.Through(builder, Outage, StorageProbe.ClientOptions());
}
