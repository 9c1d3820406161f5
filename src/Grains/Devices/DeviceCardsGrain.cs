using Orleans.Concurrency;
using WalletGateway.Grains.Chips;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Devices;

// Stateless worker: a read of the device rows of the chip index table, answered on the calling silo without a funnel
// (and not in the device's grain, whose token checks would wait behind the query).
[StatelessWorker]
public sealed class DeviceCardsGrain(ChipIndex index) : Grain, IDeviceCardsGrain
{
    public Task<IReadOnlyList<DeviceCardLocation>> ListAsync() => index.ListByDeviceAsync(this.GetPrimaryKeyString(), CancellationToken.None);
}
