namespace WalletGateway.IssuerSimulator;

/// <summary>What the issuer and admin handlers need, bound with <c>[AsParameters]</c>.</summary>
internal sealed class IssuerServices(IssuerDirectory directory, TimeProvider time, ILogger<IssuerServices> logger)
{
    public IssuerDirectory Directory { get; } = directory;

    public TimeProvider Time { get; } = time;

    public ILogger<IssuerServices> Logger { get; } = logger;
}
