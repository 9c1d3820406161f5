namespace WalletGateway.Contracts;

/// <summary>Body of <c>POST /v1/sessions</c>; members nullable as in <see cref="RegisterDeviceRequest"/>.</summary>
/// <param name="IssuerId">The issuer the member picked.</param>
/// <param name="ChipId">The chip's KDD, 20 hex digits.</param>
public sealed record OpenSessionRequest(string? IssuerId, string? ChipId);
