namespace WalletGateway.Terminal.Protocol;

internal sealed record RegisterDeviceRequest(string Model, string OsVersion);

internal sealed record OpenSessionRequest(string IssuerId, string ChipId);

internal sealed record AuthenticateRequest(int Seq, string MemberId, string AccessCode);

internal sealed record RelayRequest(int Seq, IReadOnlyList<string> Responses);

// The wire form of StepResult: apdus is absent on the last answer, card only on the first.
internal sealed record StepResponse(
    int Seq, bool Done, IReadOnlyList<string>? Apdus = null, CardSummary? Card = null, ProvisioningOutcome? Result = null);
