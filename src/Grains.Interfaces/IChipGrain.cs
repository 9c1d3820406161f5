namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// One secure element (key: chip id, 20 upper-case hex digits). Volatile: which session may talk to
/// the chip. One session at a time per chip, counted from the moment the chip proves itself.
/// </summary>
[Alias("WalletGateway.IChipGrain")]
public interface IChipGrain : IGrainWithStringKey
{
    /// <summary>
    /// A session for the chip opens (the chip has not proved itself yet). Returns the id of an older live
    /// session of the same device that the new one supersedes (the caller aborts it), or null.
    /// Throws <see cref="GatewayException"/> (<see cref="GatewayError.ChipBusy"/>) when another device's
    /// proven session holds the chip; an unproven session of another device does not hold it.
    /// </summary>
    [Alias("ClaimAsync")]
    Task<Guid?> ClaimAsync(Guid sessionId, string deviceId, DateTimeOffset until);

    /// <summary>
    /// The chip proved itself to the session (its card cryptogram verified): the session holds the chip until
    /// <paramref name="until"/>. Throws <see cref="GatewayException"/> (<see cref="GatewayError.ChipBusy"/>)
    /// when another proven session holds it.
    /// </summary>
    [Alias("ProveAsync")]
    Task ProveAsync(Guid sessionId, string deviceId, DateTimeOffset until);

    [Alias("ReleaseAsync")]
    Task ReleaseAsync(Guid sessionId);
}
