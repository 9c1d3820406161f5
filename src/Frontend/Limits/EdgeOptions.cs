using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Frontend.Limits;

/// <summary>Limits at the frontend's edge (configuration section <c>WalletGateway:Edge</c>).</summary>
public sealed class EdgeOptions
{
    public const string Section = "WalletGateway:Edge";

    /// <summary>
    /// Sustained requests per second from one client address. Generous on purpose: carriers put
    /// thousands of phones behind one address; this stops one host's flood, not a carrier.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RequestsPerSecondPerAddress { get; set; } = 2000;

    /// <summary>Requests one address may send at once above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int BurstPerAddress { get; set; } = 4000;

    /// <summary>Device registrations per minute from one client address.</summary>
    [Range(1, 1_000_000)]
    public int DeviceRegistrationsPerMinutePerAddress { get; set; } = 600;

    /// <summary>
    /// Requests in flight on this frontend above which new work (device registration, session open,
    /// member authentication) is shed with 503; relays of sessions already writing a chip go on.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ShedNewWorkAboveInFlight { get; set; } = 512;

    /// <summary>Requests in flight above which everything is refused with 503 (protects the process itself).</summary>
    [Range(1, 1_000_000)]
    public int MaxInFlight { get; set; } = 4096;

    /// <summary>Largest total size of request headers accepted (431 above it).</summary>
    [Range(1024, 1_048_576)]
    public int MaxRequestHeadersBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Client networks (CIDR) from which sessions may be opened, as the operator's own mobile network
    /// once was the trusted bearer. Empty (the default) accepts every network.
    /// </summary>
    public List<string> TrustedNetworks { get; set; } = [];

    /// <summary>Reverse proxies whose <c>X-Forwarded-For</c> is believed. Empty: the header is ignored.</summary>
    public List<string> TrustedProxies { get; set; } = [];
}
