namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>
/// Every refusal the gateway can give a terminal. The frontend maps each to one HTTP status and
/// one stable problem <c>type</c> in one place. Values cross the wire: never renumber.
/// </summary>
[GenerateSerializer, Alias("WalletGateway.GatewayError")]
public enum GatewayError
{
    InvalidRequest = 0,
    UnknownIssuer = 1,
    InvalidDeviceToken = 2,
    InvalidAccessCode = 3,
    SessionOfAnotherDevice = 4,
    SessionNotFound = 5,
    SequenceConflict = 6,
    SessionClosed = 7,
    CardActive = 8,
    CardBusy = 9,
    ChipVerificationFailed = 10,
    MemberLocked = 11,
    RateLimited = 12,
    IssuerUnavailable = 13,
    DeviceAlreadyRegistered = 14,
    StorageUnavailable = 15,
    ChipBusy = 16,
    UntrustedNetwork = 17,
    Overloaded = 18,
    InvalidApiKey = 19,
    CardSuspended = 20,
    CardNotFound = 21,
    CardStateConflict = 22,
    IssuerNotFound = 23,
    IssuerExists = 24,
    DeviceNotFound = 25,
}
