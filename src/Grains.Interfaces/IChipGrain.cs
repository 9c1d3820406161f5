namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// One secure element (key: chip id, 20 upper-case hex digits). Volatile: which session may talk to
/// the chip. One session at a time per chip.
/// </summary>
[Alias("WalletGateway.IChipGrain")]
public interface IChipGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the chip for a session until <paramref name="until"/>. Returns the id of an older live
    /// session of the same device that the new one supersedes (the caller aborts it), or null.
    /// Throws <see cref="GatewayException"/> (<see cref="GatewayError.ChipBusy"/>) when another device's
    /// session holds the chip.
    /// </summary>
    [Alias("ClaimAsync")]
    Task<Guid?> ClaimAsync(Guid sessionId, string deviceId, DateTimeOffset until);

    [Alias("ReleaseAsync")]
    Task ReleaseAsync(Guid sessionId);
}
