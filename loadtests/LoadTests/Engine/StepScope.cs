namespace WalletGateway.LoadTests;

/// <summary>Handed to a step's action: the action sets <see cref="Status"/> when it expects an answer other than the default.</summary>
public sealed class StepScope(string status)
{
    /// <summary>The status recorded for a step that returns normally (e.g. <c>201</c>, or <c>422</c> when a refusal was the point).</summary>
    public string Status { get; set; } = status;
}
