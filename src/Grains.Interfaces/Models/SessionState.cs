namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>The session states (docs/terminal-protocol.md); <see cref="None"/> is a session that was never opened.</summary>
[GenerateSerializer, Alias("WalletGateway.SessionState")]
public enum SessionState
{
    None = 0,
    Open = 1,
    Authenticated = 2,
    Writing = 3,
    Active = 4,
    Failed = 5,
    Aborted = 6,
    Expired = 7,

    /// <summary>A removal session whose chip answer verified: the card is off the chip.</summary>
    Removed = 8,
}
