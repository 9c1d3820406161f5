using WalletGateway.SecureElement;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>One phone: its own registered device, its own software secure element, and the frontend it talks to.</summary>
public sealed class VirtualTerminal(string deviceToken, SoftSecureElement chip, int frontend = 0)
{
    public string DeviceToken { get; } = deviceToken;

    public SoftSecureElement Chip { get; } = chip;

    /// <summary>Index into <see cref="GatewayTarget.Frontends"/>: where this terminal registered and sends its sessions.</summary>
    public int Frontend { get; } = frontend;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp before which this device should not open another session.</summary>
    public long RestedAt { get; set; }
}
