namespace WalletGateway.LoadTests;

/// <summary>A step whose answer was wrong although the transport worked (e.g. a retry answered differently).</summary>
public sealed class StepFailedException(string status, string message) : Exception(message)
{
    /// <summary>What the report shows in the status-code column, e.g. <c>mismatch</c>.</summary>
    public string Status { get; } = status;
}
