namespace WalletGateway.LoadTests;

/// <summary>Thrown by <see cref="IterationContext.StepAsync{T}"/> after it recorded a failed step; ends the iteration.</summary>
public sealed class IterationFailedException(string step, string status, Exception inner)
    : Exception($"Step '{step}' failed with {status}: {inner.Message}", inner)
{
    public string Step { get; } = step;

    public string Status { get; } = status;
}
