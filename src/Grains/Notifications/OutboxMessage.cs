namespace WalletGateway.Grains.Notifications;

/// <summary>
/// A notification for the issuer, written with the change it reports and delivered until acknowledged, or until the
/// issuer has refused it <see cref="NotificationOptions.MaxRefusals"/> times (then it is parked as a dead letter).
/// </summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.OutboxMessage")]
public sealed record OutboxMessage(
    [property: Id(0)] string Kind,
    [property: Id(1)] string MessageId,
    [property: Id(2)] string? ChipId,
    [property: Id(3)] string? CardId,
    [property: Id(4)] string? Reason,
    [property: Id(5)] string? RequestedBy,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] int Refusals = 0);
