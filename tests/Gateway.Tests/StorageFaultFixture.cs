using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;

namespace WalletGateway.Gateway.Tests;

/// <summary>A gateway whose durable grain state goes through <see cref="StateWriteFaults"/>.</summary>
public sealed class StorageFaultFixture : GatewayFixture
{
    public StateWriteFaults Faults { get; } = new();

    protected override void ConfigureGateway(WebApplicationBuilder builder) =>
        DurableStorageRoute.Through(builder, Faults, new TableClientOptions());
}
