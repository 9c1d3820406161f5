namespace WalletGateway.Grains;

/// <summary>Card lifecycle (DESIGN.md). Values persist: never renumber.</summary>
[GenerateSerializer, Alias("WalletGateway.CardStatus")]
public enum CardStatus
{
    Unprovisioned = 0,
    Provisioning = 1,
    Active = 2,
    Suspended = 3,
    Deleted = 4,
}
