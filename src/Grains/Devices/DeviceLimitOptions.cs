using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Grains.Devices;

/// <summary>Per-device budget (configuration section <c>WalletGateway:DeviceLimits</c>), enforced cluster-wide by the device's grain.</summary>
public sealed class DeviceLimitOptions
{
    public const string Section = "WalletGateway:DeviceLimits";

    /// <summary>Sustained session opens per device per minute (token bucket refill).</summary>
    [Range(1, 100_000)]
    public int SessionOpensPerMinute { get; set; } = 20;

    /// <summary>Session opens a device may make at once (token bucket size).</summary>
    [Range(1, 100_000)]
    public int SessionOpenBurst { get; set; } = 10;

    /// <summary>Sessions one device may have open at the same time.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentSessions { get; set; } = 3;
}
