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

    /// <summary>
    /// Access codes the issuer may refuse within one session (wrong, used or for an unknown member, whatever member
    /// ids the session names) before the session's further attempts are refused (429) without asking the issuer.
    /// </summary>
    [Range(1, 1000)]
    public int MaxFailedAuthenticationsPerSession { get; set; } = 5;

    /// <summary>Access codes the issuer may refuse for one device, over all its sessions, within <see cref="FailedAuthenticationWindow"/>.</summary>
    [Range(1, 100_000)]
    public int MaxFailedAuthenticationsPerDevice { get; set; } = 10;

    /// <summary>How long a refused access code counts against its device.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan FailedAuthenticationWindow { get; set; } = TimeSpan.FromHours(1);
}
