namespace WalletGateway.Grains;

/// <summary>Grain storage provider names, shared by the silo (registration) and the grains (use).</summary>
public static class StorageNames
{
    /// <summary>Durable grain state: cards and devices (Azure Table).</summary>
    public const string Durable = "durable";

    /// <summary>The card grain's state name in <see cref="Durable"/> (its audit records and marker are side rows of it).</summary>
    public const string CardState = "card";
}
