using System.Text.Json.Serialization;

namespace WalletGateway.Frontend.Apis;

// The /v1 wire contract of DESIGN.md. Request members are nullable so that a missing field is a
// clear 400 from validation rather than a default value; unknown fields are ignored.

public sealed record RegisterDeviceRequest(string? Model, string? OsVersion);

public sealed record DeviceRegisteredResponse(string DeviceId, string DeviceToken);

public sealed record IssuerResponse(string IssuerId, string DisplayName);

public sealed record OpenSessionRequest(string? IssuerId, string? ChipId);

public sealed record SessionOpenedResponse(string SessionId, int Seq, DateTimeOffset ExpiresAt);

public sealed record AuthenticateRequest(int? Seq, string? MemberId, string? AccessCode);

public sealed record RelayRequest(int? Seq, IReadOnlyList<string?>? Responses);

public sealed record StepResponseBody(
    int Seq,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Apdus,
    bool Done,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CardBody? Card,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ResultBody? Result);

public sealed record CardBody(string Last4, string Expiry);

public sealed record ResultBody(string Status, string CardId);

public sealed record SessionStateResponse(string State, int Seq, DateTimeOffset ExpiresAt);
