using System.ComponentModel.DataAnnotations;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Issuers;

/// <summary>One issuer's connection information. Held by the gateway only: never returned, never logged.</summary>
public sealed class IssuerOptions
{
    [Required]
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// The interface the issuer's existing system speaks: <c>Json</c> (see <c>JsonIssuerProtocol</c>) or
    /// <c>Legacy</c> (form-encoded requests, fixed-field and XML answers; see <c>LegacyIssuerProtocol</c>).
    /// </summary>
    [Required, RegularExpression("^(Json|Legacy)$", ErrorMessage = "Protocol must be Json or Legacy.")]
    public string Protocol { get; set; } = IssuerProtocols.Json;

    /// <summary>The issuer's API root, ending in '/', e.g. <c>http://127.0.0.1:5090/issuers/demo-card/</c>.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    [Required]
    public string Username { get; set; } = "";

    [Required]
    public string Password { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The issuer's own key for the issuer API (<c>X-Issuer-Key</c>, <c>{issuerId}.{secret}</c>; docs/issuer-api.md), or none.
    /// Meant for the development defaults: a key an operator issues (stored as a hash) replaces it. Never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Ceiling on calls in flight to this issuer, across the whole cluster.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentCalls { get; set; } = IssuerDefaults.MaxConcurrentCalls;

    /// <summary>Ceiling on calls per second to this issuer, across the whole cluster.</summary>
    [Range(1, 100_000)]
    public int MaxCallsPerSecond { get; set; } = IssuerDefaults.MaxCallsPerSecond;

    /// <summary>
    /// Latency above which the issuer counts as struggling: the gateway lowers its concurrency toward
    /// it (multiplicative decrease) and raises it again, one step at a time, while answers come fast.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan TargetLatency { get; set; } = IssuerDefaults.TargetLatency;

    /// <summary>How long a call may wait for its turn under the per-second ceiling before it is refused (503).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan MaxQueueWait { get; set; } = IssuerDefaults.MaxQueueWait;

    /// <summary>Per-attempt timeout of a call to this issuer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = IssuerDefaults.Timeout;
}
