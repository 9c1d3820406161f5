namespace WalletGateway.IssuerSimulator;

/// <summary>
/// A notification an issuer received (<see cref="Kind"/> <c>complete</c> or <c>abort</c>),
/// distinct by message id; <see cref="Count"/> is how many times it was delivered.
/// </summary>
public sealed record NotificationView(
    string Kind,
    string MessageId,
    string CardRef,
    string? ChipId,
    string? CardId,
    string? Reason,
    DateTimeOffset ReceivedAt,
    int Count);
