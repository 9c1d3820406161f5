namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>Card lifecycle (docs/architecture.md). Values persist: never renumber.</summary>
[GenerateSerializer, Alias("WalletGateway.CardStatus")]
public enum CardStatus
{
    Unprovisioned = 0,
    Provisioning = 1,
    Active = 2,
    Suspended = 3,
    Deleted = 4,

    /// <summary>The last block went to the chip but its answer did not verify: the card may be on that chip, so no other chip gets it.</summary>
    Unconfirmed = 5,
}
