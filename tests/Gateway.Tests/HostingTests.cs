using Microsoft.Extensions.Configuration;
using WalletGateway.Frontend.Extensions;
using WalletGateway.Silo;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class HostingTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Startup_StorageUnreachable_FailsFastSayingWhatToStart()
    {
        var port = 1; // nothing listens on tcpmux
        var error = await Assert.ThrowsAsync<StorageUnreachableException>(() => GatewayApp.CreateAsync([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:AzureStorage"] =
                    $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
            })));
        Assert.Contains("unreachable", error.Message);
        Assert.Contains("Azurite", error.Message);
        Assert.DoesNotContain("AccountKey", error.Message);
    }

    [Fact]
    public async Task ClientMode_FrontendWithoutSilo_ProvisionsThroughTheCluster()
    {
        var settings = new Dictionary<string, string?>(fixture.LastSettings) { ["Gateway:Mode"] = "Client" };
        await using var frontend = await GatewayApp.CreateAsync([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await frontend.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = GatewayFixture.AddressOf(frontend) };
            var client = new GatewayClient(http);
            var (memberId, code) = await fixture.CreateMemberAsync();
            var token = (await client.RegisterDeviceAsync("phone", "1")).DeviceToken;
            var result = await new ProvisioningRunner(client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code);
            Assert.Equal("active", result.Status);
        }
        finally
        {
            await frontend.StopAsync();
        }
    }
}
