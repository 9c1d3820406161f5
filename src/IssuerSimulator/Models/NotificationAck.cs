namespace WalletGateway.IssuerSimulator;

/// <summary>Acknowledges a notification; <see cref="Duplicate"/> when the message id was seen before.</summary>
public sealed record NotificationAck(string MessageId, bool Duplicate);
