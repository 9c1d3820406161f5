using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Grains.Sessions;

/// <summary>Terminal session limits (configuration section <c>WalletGateway:Sessions</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "WalletGateway:Sessions";

    /// <summary>A session with no step for this long expires and releases its card lease.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A session expires this long after it opened, however active. Card leases last this long plus <see cref="LeaseMargin"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "02:00:00")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Extra lease time beyond the session's end, so a session never outlives its lease.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the silo's one expiry sweep ends the sessions past their deadline (a session may outlive its deadline by this much).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many APDUs are handed to the terminal per step.</summary>
    [Range(1, 64)]
    public int MaxApdusPerStep { get; set; } = 16;
}
