namespace WalletGateway.IssuerSimulator;

/// <summary>
/// Body of <c>POST /issuers/{issuerId}/cards/lifecycle</c>: a card was suspended, resumed or deleted
/// (<see cref="Event"/> <c>suspend</c>, <c>resume</c>, <c>delete</c>); idempotent on <see cref="MessageId"/>.
/// </summary>
public sealed record LifecycleRequest(
    string CardRef, string MessageId, string Event, string? ChipId = null, string? CardId = null, string? Reason = null, string? RequestedBy = null);
