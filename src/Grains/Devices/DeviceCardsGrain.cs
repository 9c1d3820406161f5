using Orleans.Concurrency;
using WalletGateway.Grains.Chips;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Devices;

// Stateless worker: a read of the device rows of the chip index table, answered on the calling silo without a funnel
// (and not in the device's grain, whose token checks would wait behind the query).
// Keyed per device, so a silo holds one worker context per device it served lately: Orleans' idle-worker removal gives each
// context a 500 ms timer (two wake-ups a second each, ~60/s on a silo after a campaign at rest); without it the workers
// are collected by age like any activation.
[StatelessWorker(-1, removeIdleWorkers: false)] // -1: up to one worker per core, Orleans' default
public sealed class DeviceCardsGrain(ChipIndex index) : Grain, IDeviceCardsGrain
{
    public Task<IReadOnlyList<DeviceCardLocation>> ListAsync() => index.ListByDeviceAsync(this.GetPrimaryKeyString(), CancellationToken.None);
}
