namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>The answer to an authenticate or relay step: the next APDUs, or the result when done.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.StepResponse")]
public sealed record StepResponse(
    [property: Id(0)] int Seq,
    [property: Id(1)] IReadOnlyList<string> Apdus,
    [property: Id(2)] bool Done,
    [property: Id(3)] CardSummary? Card,
    [property: Id(4)] ProvisioningResult? Result);

/// <summary>What the member sees of the card being written.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.CardSummary")]
public sealed record CardSummary([property: Id(0)] string Last4, [property: Id(1)] string Expiry);

/// <summary>The outcome of a finished session.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.ProvisioningResult")]
public sealed record ProvisioningResult([property: Id(0)] string Status, [property: Id(1)] string CardId)
{
    /// <summary>A removal session's verified chip outcome: true when the chip removed the card, false when it did not hold it.</summary>
    [Id(2)]
    public bool? Removed { get; init; }
}
