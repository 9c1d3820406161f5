namespace WalletGateway.Contracts.Admin;

/// <summary>A live session by id, whichever device opened it.</summary>
public sealed record AdminSessionResponse(
    string SessionId, string State, int Seq, DateTimeOffset ExpiresAt, string DeviceId, string IssuerId, string ChipId, string? CardRef, string? CardId);
