namespace WalletGateway.Contracts;

/// <summary>Body of <c>POST /v1/sessions/{id}/relay</c> (step n); members nullable as in <see cref="RegisterDeviceRequest"/>.</summary>
/// <param name="Seq">The sequence number of the step whose APDUs were relayed.</param>
/// <param name="Responses">The chip's responses (hex), in order, up to the first one whose status word is not 9000.</param>
public sealed record RelayRequest(int? Seq, IReadOnlyList<string?>? Responses);
