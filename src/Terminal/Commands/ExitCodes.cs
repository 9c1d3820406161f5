namespace WalletGateway.Terminal.Commands;

/// <summary>The terminal's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The gateway refused (any problem answer), or the card did not end active.</summary>
    public const int Refused = 1;

    /// <summary>A missing or bad option, an unreadable home, or no usable answer from the gateway.</summary>
    public const int UsageOrConnection = 2;

    /// <summary>Ctrl+C: 128 + SIGINT, as shells expect.</summary>
    public const int Cancelled = 130;
}
