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

    /// <summary>Serve OpenTelemetry metrics for Prometheus at <c>/metrics</c>.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// When set, <c>/metrics</c> and <c>/dashboard</c> answer only on this port (add it to <c>Urls</c>), so the
    /// public terminal port never shows them; 0 serves them on every URL of the process.
    /// </summary>
    [Range(0, 65535)]
    public int Port { get; set; }
}
