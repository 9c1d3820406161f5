namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// The sweep of one storage partition (key = partition number): on its reminder it wakes every card that has a
/// pending-work marker, so that notices, leases that ran out and chip index rows are
/// finished after a restart, a lost silo or a deactivation. One reminder per partition, none per card.
/// </summary>
[Alias("WalletGateway.ICardSweepGrain")]
public interface ICardSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the partition's reminder (idempotent; every silo does it at start).</summary>
    [Alias("EnsureRunningAsync")]
    Task EnsureRunningAsync();

    /// <summary>Sweeps now; returns the number of cards woken.</summary>
    [Alias("SweepAsync")]
    Task<int> SweepAsync();
}
