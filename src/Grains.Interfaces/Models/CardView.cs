namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>What a card record holds (no card number, no key).</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.CardView")]
public sealed record CardView(
    [property: Id(0)] CardStatus Status,
    [property: Id(1)] string? CardId,
    [property: Id(2)] string? ChipId,
    [property: Id(3)] Guid? SessionId,
    [property: Id(4)] DateTimeOffset? LeaseUntil,
    [property: Id(5)] DateTimeOffset? ActivatedAt)
{
    /// <summary>The reason code of the last lifecycle change (suspend, resume, delete, failure).</summary>
    [Id(6)]
    public string? Reason { get; init; }

    /// <summary>Who made the last change: <c>device:{id}</c>, <c>member</c>, <c>issuer</c> or <c>operator[:{name}]</c>.</summary>
    [Id(7)]
    public string? ChangedBy { get; init; }

    [Id(8)]
    public DateTimeOffset? ChangedAt { get; init; }

    /// <summary>Issuer notifications recorded but not yet acknowledged.</summary>
    [Id(9)]
    public int PendingNotifications { get; init; }

    /// <summary>Records in the card's audit trail; 0 for a card the gateway never touched.</summary>
    [Id(10)]
    public int AuditRecords { get; init; }

    /// <summary>Notices the issuer refused (4xx) until the gateway stopped trying, oldest first.</summary>
    [Id(11)]
    public IReadOnlyList<DeadLetter> DeadLetters { get; init; } = [];

    /// <summary>The device of the session holding or last holding the card's lease: the one that wrote it to its chip.</summary>
    [Id(12)]
    public string? DeviceId { get; init; }

    /// <summary>
    /// Removal pending: the chip this card must still be taken off (it was deleted, or suspended for loss, while on it), or
    /// <see langword="null"/>. Cleared when that chip's removal answer (<c>DF71</c>) verifies.
    /// </summary>
    [Id(13)]
    public string? RemovalPendingChipId { get; init; }

    /// <summary>The card id (<c>DF01</c>) on <see cref="RemovalPendingChipId"/>.</summary>
    [Id(14)]
    public string? RemovalPendingCardId { get; init; }

    /// <summary>The last verified removal of this card from a chip (a terminal's removal or a remote wipe), or <see langword="null"/>.</summary>
    [Id(15)]
    public CardRemoval? LastRemoval { get; init; }

    /// <summary>The SHA-256 receipt (hex) the chip answered for the card's data when it was last activated or renewed on it.</summary>
    [Id(16)]
    public string? Receipt { get; init; }
}

/// <summary>
/// A removal the chip itself proved (its <c>DF71</c> answer verified): <paramref name="Kind"/> is <c>removal</c> (the terminal
/// asked) or <c>wipe</c> (removal pending after a delete or a suspension for loss); <paramref name="Removed"/> is the chip's
/// outcome (<see langword="true"/>: it held the card and removed it; <see langword="false"/>: it did not hold it).
/// </summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.CardRemoval")]
public sealed record CardRemoval(
    [property: Id(0)] string ChipId,
    [property: Id(1)] string CardId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Kind,
    [property: Id(4)] bool Removed);
