using Microsoft.Extensions.Options;

namespace WalletGateway.Grains.Sessions;

/// <summary>A session's deadlines and its card lease's, from <see cref="SessionOptions"/> on the gateway's clock.</summary>
public sealed class SessionClock(GatewayClock clock, IOptions<SessionOptions> options)
{
    private readonly SessionOptions _options = options.Value;

    public DateTimeOffset UtcNow => clock.UtcNow;

    /// <summary>A session opened at <paramref name="openedAt"/> ends by then, however active.</summary>
    public DateTimeOffset HardDeadline(DateTimeOffset openedAt) => openedAt + _options.MaxLifetime;

    /// <summary>After a step at <paramref name="now"/>, the session ends by then unless another step comes.</summary>
    public DateTimeOffset IdleDeadline(DateTimeOffset now, DateTimeOffset hardDeadline)
    {
        var idle = now + _options.IdleTimeout;
        return idle < hardDeadline ? idle : hardDeadline;
    }

    /// <summary>A card lease outlasts its session, so a session never outlives its lease.</summary>
    public DateTimeOffset LeaseUntil(DateTimeOffset hardDeadline) => hardDeadline + _options.LeaseMargin;
}
