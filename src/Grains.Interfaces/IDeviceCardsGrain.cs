using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// The cards one device wrote (key: device id), read from the device rows of the chip index table: one range query in
/// the device's partition, never a scan. Stateless: the rows are written by the cards themselves; the card grains stay the truth.
/// </summary>
[Alias("WalletGateway.IDeviceCardsGrain")]
public interface IDeviceCardsGrain : IGrainWithStringKey
{
    [Alias("ListAsync")]
    Task<IReadOnlyList<DeviceCardLocation>> ListAsync();
}
