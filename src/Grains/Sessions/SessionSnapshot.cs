using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Sessions;

/// <summary>
/// A live session as it moves to another silo (grain migration when its silo drains). Holds the card
/// data the issuer returned (number, payment key) because the rebuilt script needs it: it crosses the
/// silo-to-silo link like any grain call and is never persisted or logged.
/// </summary>
[GenerateSerializer, Alias("WalletGateway.SessionSnapshot")]
public sealed record SessionSnapshot(
    [property: Id(0)] SessionState State,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] string IssuerId,
    [property: Id(3)] string ChipId,
    [property: Id(4)] int ExpectedSeq,
    [property: Id(5)] DateTimeOffset IdleDeadline,
    [property: Id(6)] DateTimeOffset HardDeadline,
    [property: Id(7)] string? CardRef,
    [property: Id(8)] string? CardId,
    [property: Id(9)] bool LeaseHeld,
    [property: Id(10)] int LastSeq,
    [property: Id(11)] string? LastFingerprint,
    [property: Id(12)] StepResponse? LastResponse,
    [property: Id(13)] byte[]? HostChallenge,
    [property: Id(14)] string? CardNumber,
    [property: Id(15)] string? Expiry,
    [property: Id(16)] string? CardholderName,
    [property: Id(17)] byte[]? PaymentKey,
    [property: Id(18)] List<string[]> Relayed);
