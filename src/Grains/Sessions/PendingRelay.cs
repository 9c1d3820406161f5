namespace WalletGateway.Grains.Sessions;

/// <summary>
/// A relay whose chip responses verified but whose answer waits on a durable write (the card's "card data out" record
/// before STORE DATA blocks go out, or its activation after the receipt): an identical retry of the step redoes only
/// that write and answers, so the script is never run twice over the same responses.
/// </summary>
/// <param name="Apdus">The APDUs the step answers with (none when the receipt verified).</param>
/// <param name="Receipt">The verified receipt (hex) when the script is done: the activation is what is pending.</param>
[GenerateSerializer, Immutable, Alias("WalletGateway.PendingRelay")]
public sealed record PendingRelay(
    [property: Id(0)] int Seq,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] IReadOnlyList<string> Apdus,
    [property: Id(3)] string? Receipt);
