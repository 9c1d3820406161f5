using Orleans.Concurrency;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Chips;

// Stateless worker: a read of the chip index table, answered on the calling silo without a funnel.
// Keyed per chip, so a silo holds one worker context per chip it served lately: Orleans' idle-worker removal gives each
// context a 500 ms timer (two wake-ups a second each, ~60/s on a silo after a campaign at rest); without it the workers
// are collected by age like any activation.
[StatelessWorker(-1, removeIdleWorkers: false)] // -1: up to one worker per core, Orleans' default
public sealed class ChipCardsGrain(ChipIndex index) : Grain, IChipCardsGrain
{
    public Task<IReadOnlyList<CardLocation>> ListAsync() => index.ListAsync(this.GetPrimaryKeyString(), CancellationToken.None);
}
