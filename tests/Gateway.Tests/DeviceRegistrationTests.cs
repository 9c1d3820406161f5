using Orleans.Core.Internal;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Hosting;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// A registration is a fresh random device id: one insert, no read. A device id that storage already holds is refused by
/// storage itself (the insert conflicts), so the answer is the same as when the grain had read it.
/// </summary>
public sealed class DeviceRegistrationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task RegisterDevice_FreshId_OneInsertAndNoRead()
    {
        var stateTable = fixture.LastSettings["Orleans:GrainStateTable"]!;
        using var storageRequests = new InstrumentRecorder(StorageRequestCounter.InstrumentName);

        await fixture.RegisterDeviceAsync();

        Assert.Equal(1, storageRequests.Sum("table", stateTable));
    }

    [Fact]
    public async Task Register_DeviceAlreadyStored_RefusedByTheInsertThenReadOnce()
    {
        var stateTable = fixture.LastSettings["Orleans:GrainStateTable"]!;
        var device = fixture.Grains.GetGrain<IDeviceGrain>(Guid.NewGuid().ToString("N"));
        Assert.Equal(1, await device.RegisterAsync("test phone", "1.0"));
        await device.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        using var storageRequests = new InstrumentRecorder(StorageRequestCounter.InstrumentName);

        var again = await Assert.ThrowsAsync<GatewayException>(() => device.RegisterAsync("other phone", "2.0"));

        Assert.Equal(GatewayError.DeviceAlreadyRegistered, again.Error);
        Assert.True(await device.IsGenerationCurrentAsync(1));
        Assert.True(await device.IsGenerationCurrentAsync(1));
        // The refused insert, then one read by the next activation for both checks.
        Assert.Equal(2, storageRequests.Sum("table", stateTable));
    }
}
