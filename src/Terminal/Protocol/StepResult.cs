namespace WalletGateway.Terminal.Protocol;

/// <summary>The gateway's answer to a step (authenticate or relay).</summary>
/// <param name="Seq">The sequence number the next step must carry.</param>
/// <param name="Apdus">Command APDUs (hex) to send to the chip, in order; empty when <paramref name="Done"/>.</param>
/// <param name="Done">True when the provisioning finished; <paramref name="Result"/> then says how.</param>
/// <param name="Card">The card being written, on the answer to authenticate.</param>
/// <param name="Result">The outcome, on the last answer.</param>
public sealed record StepResult(int Seq, IReadOnlyList<string> Apdus, bool Done, CardSummary? Card, ProvisioningOutcome? Result);
