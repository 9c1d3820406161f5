using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Sessions;

/// <summary>What a <see cref="SessionState"/> means to the session's callers.</summary>
internal static class SessionStates
{
    /// <summary>Never opened, or expired: the session is unknown to its callers.</summary>
    public static bool IsUnknown(this SessionState state) => state is SessionState.None or SessionState.Expired;

    /// <summary>Over (card active or removed, failed or aborted), yet still answering until it expires.</summary>
    public static bool IsClosed(this SessionState state) =>
        state is SessionState.Active or SessionState.Removed or SessionState.Failed or SessionState.Aborted;

    public static string Describe(this SessionState state) => state.ToWire();

    public static GatewayException Closed(SessionState state) =>
        new(GatewayError.SessionClosed, $"The session is {state.Describe()}; open a new session.");
}
