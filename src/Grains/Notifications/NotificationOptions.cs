using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Grains.Notifications;

/// <summary>Delivery of issuer notifications from a card's outbox (section <c>WalletGateway:Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "WalletGateway:Notifications";

    /// <summary>First retry delay after a failed delivery; doubled (with jitter) after each failure up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Period of the sweep (one durable reminder per storage partition, not per card) that wakes cards that have a
    /// pending-work marker: undelivered notices, leases that ran out, chip index rows, after a
    /// restart, a lost silo or a deactivation. Orleans' minimum reminder period is lowered to it when shorter than a
    /// minute, for tests.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Attempts of a notice the issuer refuses with a 4xx status (other than 401, 403, 408, 429) before it is parked as
    /// a dead letter and the card's later notices go on; 5xx answers and timeouts are retried without a cap.
    /// </summary>
    [Range(1, 100)]
    public int MaxRefusals { get; set; } = 5;

    /// <summary>Per-attempt timeout of one delivery.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
