using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// The cards written to one chip (key: chip id, 20 upper-case hex digits), read from the chip index table.
/// Stateless: the index rows are written by the cards themselves; the card grains stay the truth.
/// </summary>
[Alias("WalletGateway.IChipCardsGrain")]
public interface IChipCardsGrain : IGrainWithStringKey
{
    [Alias("ListAsync")]
    Task<IReadOnlyList<CardLocation>> ListAsync();
}
