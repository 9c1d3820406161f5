using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Problems;

/// <summary>The one place where a refusal becomes an HTTP status and a stable problem <c>type</c>.</summary>
public static class GatewayProblems
{
    public const string TypeBase = "https://walletgateway.dev/problems/";

    public static (int Status, string Slug, string Title) For(GatewayError error) => error switch
    {
        GatewayError.InvalidRequest => (400, "invalid-request", "The request is malformed."),
        GatewayError.UnknownIssuer => (400, "unknown-issuer", "No such card issuer."),
        GatewayError.InvalidDeviceToken => (401, "invalid-device-token", "No or bad device token."),
        GatewayError.InvalidAccessCode => (401, "invalid-access-code", "Wrong or used access code."),
        GatewayError.SessionOfAnotherDevice => (403, "session-of-another-device", "The session belongs to another device."),
        GatewayError.SessionNotFound => (404, "session-not-found", "Unknown or expired session."),
        GatewayError.SequenceConflict => (409, "sequence-conflict", "The step is out of order."),
        GatewayError.SessionClosed => (409, "session-closed", "The session has ended."),
        GatewayError.CardActive => (409, "card-active", "The card is already active."),
        GatewayError.CardBusy => (409, "card-busy", "The card is being written elsewhere."),
        GatewayError.DeviceAlreadyRegistered => (409, "device-already-registered", "The device is already registered."),
        GatewayError.ChipVerificationFailed => (422, "chip-verification-failed", "The chip's response failed verification."),
        GatewayError.MemberLocked => (423, "member-locked", "The member is locked."),
        GatewayError.RateLimited => (429, "rate-limited", "Too many requests."),
        GatewayError.ChipBusy => (429, "chip-busy", "Another session is using this chip."),
        GatewayError.UntrustedNetwork => (403, "untrusted-network", "Sessions are not accepted from this network."),
        GatewayError.Overloaded => (503, "overloaded", "The gateway is shedding new work."),
        GatewayError.IssuerUnavailable => (503, "issuer-unavailable", "The card issuer is unavailable."),
        GatewayError.StorageUnavailable => (503, "storage-unavailable", "The gateway's storage is unavailable."),
        GatewayError.InvalidApiKey => (401, "invalid-api-key", "No or bad API key (the operator key on /admin, the issuer key on /issuer)."),
        GatewayError.CardSuspended => (409, "card-suspended", "The card is suspended or deleted."),
        GatewayError.CardNotFound => (404, "card-not-found", "No such card."),
        GatewayError.CardStateConflict => (409, "card-state-conflict", "The card is not in a state that allows this change."),
        GatewayError.IssuerNotFound => (404, "issuer-not-found", "No such card issuer."),
        GatewayError.IssuerExists => (409, "issuer-exists", "The issuer already exists."),
        GatewayError.DeviceNotFound => (404, "device-not-found", "No such device."),
        _ => (500, "internal", "Unexpected error."),
    };

    /// <summary>Stable types for the statuses ASP.NET Core itself produces (bad body, 404 route, 405, 413, 415).</summary>
    public static string? SlugForStatus(int status) => status switch
    {
        400 => "invalid-request",
        404 => "not-found",
        405 => "method-not-allowed",
        413 => "body-too-large",
        431 => "headers-too-large",
        415 => "unsupported-media-type",
        429 => "rate-limited",
        503 => "unavailable",
        _ => null,
    };
}
