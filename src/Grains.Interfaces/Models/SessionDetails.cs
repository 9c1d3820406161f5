namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>A session as an operator sees it: which device, issuer, chip and card (no member data, no keys).</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.SessionDetails")]
public sealed record SessionDetails(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] SessionState State,
    [property: Id(2)] int Seq,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] string DeviceId,
    [property: Id(5)] string IssuerId,
    [property: Id(6)] string ChipId,
    [property: Id(7)] string? CardRef,
    [property: Id(8)] string? CardId);
