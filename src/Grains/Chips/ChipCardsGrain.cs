using Orleans.Concurrency;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Chips;

// Stateless worker: a read of the chip index table, answered on the calling silo without a funnel.
[StatelessWorker]
public sealed class ChipCardsGrain(ChipIndex index) : Grain, IChipCardsGrain
{
    public Task<IReadOnlyList<CardLocation>> ListAsync() => index.ListAsync(this.GetPrimaryKeyString(), CancellationToken.None);
}
