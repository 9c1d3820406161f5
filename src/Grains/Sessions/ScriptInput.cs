namespace WalletGateway.Grains.Sessions;

/// <summary>
/// What a session's personalisation script is rebuilt from: the card the issuer returned, the host
/// challenge and the chip's answers accepted so far (the script is deterministic given these and the
/// chip's keys). Holds card data (number, payment key): part of the session only while its script runs,
/// it crosses the silo-to-silo link with a migrating session and is never persisted or logged.
/// </summary>
[GenerateSerializer, Alias("WalletGateway.ScriptInput")]
public sealed record ScriptInput(
    [property: Id(0)] string CardNumber,
    [property: Id(1)] string Expiry,
    [property: Id(2)] string CardholderName,
    [property: Id(3)] byte[] PaymentKey,
    [property: Id(4)] byte[] HostChallenge,
    [property: Id(5)] string[][] Relayed);
