using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Hosting;

/// <summary>
/// What every process shows operators (configuration section <c>Operations</c>): Prometheus metrics at
/// <c>/metrics</c>, the Orleans Dashboard at <c>/dashboard</c>, beside <c>/healthz</c> and <c>/readyz</c>.
/// </summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>Serve the Orleans Dashboard at <c>/dashboard</c> (silos collect its statistics either way when on).</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// How often each silo samples the dashboard's statistics (<c>DashboardOptions.CounterUpdateIntervalMs</c>): the
    /// dashboard's charts move in steps of this, over <c>HistoryLength</c> (100) samples. Orleans' default, 1 s, has every
    /// silo collect its grain statistics and send them to the dashboard grain (on another silo, mostly) each second whether
    /// or not anyone looks. (The dashboard's collection of Orleans' meters stays at 1 s: fixed in Orleans.Dashboard.)
    /// Prometheus <c>/metrics</c> is read on scrape and does not depend on it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DashboardUpdateInterval { get; set; } = DefaultDashboardUpdateInterval;

    public static readonly TimeSpan DefaultDashboardUpdateInterval = TimeSpan.FromSeconds(5);

    /// <summary><see cref="DashboardUpdateInterval"/> as the dashboard takes it (silo and client alike).</summary>
    internal void ConfigureDashboard(Orleans.Dashboard.DashboardOptions dashboard) =>
        dashboard.CounterUpdateIntervalMs = (int)DashboardUpdateInterval.TotalMilliseconds;

    /// <summary>Serve OpenTelemetry metrics for Prometheus at <c>/metrics</c>.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// The operations listener: <c>/metrics</c> and <c>/dashboard</c> answer only on connections accepted on this
    /// local port (never decided by the <c>Host</c> header), so the terminal port never shows them. The process adds
    /// the listener beside its <c>Urls</c> (same scheme and host as the first) unless one of them already has this port.
    /// </summary>
    [Range(1, 65535)]
    public int Port { get; set; } = DefaultPort;

    public const int DefaultPort = 9090;
}
