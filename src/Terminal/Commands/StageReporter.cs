using Spectre.Console;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Terminal.Commands;

/// <summary>
/// Shows each stage as the runner starts it: in the live status line and as a line of its own.
/// Reports synchronously (unlike <see cref="Progress{T}"/>) so the stages print in order and
/// <see cref="LastStage"/> is current when the runner throws. Without a live status (output redirected), lines only.
/// </summary>
internal sealed class StageReporter(StatusContext? status) : IProgress<ProvisioningProgress>
{
    public string? LastStage { get; private set; }

    public void Report(ProvisioningProgress value)
    {
        LastStage = value.Stage;
        var text = value.ApdusInStep switch
        {
            0 => value.Stage,
            1 => $"{value.Stage} (1 APDU)",
            var n => $"{value.Stage} ({n} APDUs)",
        };
        status?.Status(Markup.Escape(text) + "…");
        AnsiConsole.MarkupLineInterpolated($"[grey]step {value.Seq}[/] {text}");
    }
}
