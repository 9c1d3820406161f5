namespace WalletGateway.Grains;

/// <summary>
/// The time the grains decide by (session expiry, leases, lockouts). A separate service rather than
/// the container's <see cref="TimeProvider"/>, so tests can move the gateway's clock without moving
/// the Orleans runtime's own timers and membership.
/// </summary>
public sealed class GatewayClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset UtcNow => Time.GetUtcNow();
}
