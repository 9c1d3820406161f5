namespace WalletGateway.Contracts.Admin;

/// <summary>A notice the issuer refused until the retry cap: parked, no longer sent, kept for operators.</summary>
public sealed record AdminDeadLetterResponse(
    string Kind, string MessageId, string? ChipId, string? CardId, string? Reason, int Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset ParkedAt);
