namespace WalletGateway.SecureChannel;

/// <summary>What a channel script says comes next: APDUs to relay, done, or failed with a short reason.</summary>
public sealed record ScriptStep(ScriptStepKind Kind, IReadOnlyList<byte[]> Apdus, string? FailureReason);
