using WalletGateway.SecureElement;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>One phone: its own registered device and its own software secure element.</summary>
public sealed class VirtualTerminal(string deviceToken, SoftSecureElement chip)
{
    public string DeviceToken { get; } = deviceToken;

    public SoftSecureElement Chip { get; } = chip;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp before which this device should not open another session.</summary>
    public long RestedAt { get; set; }
}
