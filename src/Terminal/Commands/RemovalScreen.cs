using Spectre.Console;
using WalletGateway.Contracts;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Terminal.Commands;

/// <summary>Runs removal sessions and shows their outcome; the chip is saved after each, whatever the outcome.</summary>
internal static class RemovalScreen
{
    /// <summary>Takes one card off the chip and shows the chip's verified answer.</summary>
    public static async Task<RemovalResult> RemoveAsync(
        TerminalHome home, GatewayClient client, SoftSecureElement chip, string deviceToken, string issuerId, string cardId, CancellationToken ct)
    {
        try
        {
            var result = await new RemovalRunner(client, chip).RemoveAsync(deviceToken, issuerId, cardId, ct);
            if (result.Removed)
            {
                AnsiConsole.MarkupLineInterpolated($"Card [bold]{result.CardId}[/] of {issuerId} taken off secure element {chip.ChipId} (verified by the chip).");
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"Card [bold]{result.CardId}[/] of {issuerId} was not on secure element {chip.ChipId} (verified by the chip); the gateway no longer binds it there.");
            }

            return result;
        }
        finally
        {
            home.SaveChip(chip);
        }
    }

    /// <summary>
    /// The gateway said these cards must be taken off this chip (a remote wipe after a delete or a suspension for loss):
    /// the terminal does it by itself. A refusal is shown and the next one tried.
    /// </summary>
    public static async Task RunPendingAsync(
        TerminalHome home, GatewayClient client, SoftSecureElement chip, IReadOnlyList<PendingRemoval> pending, CancellationToken ct)
    {
        if (pending.Count == 0 || home.LoadDevice() is not { } device)
        {
            return;
        }

        foreach (var removal in pending)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]The gateway asks to remove card {removal.CardId} of {removal.IssuerId} from this phone (remote wipe).[/]");
            try
            {
                await RemoveAsync(home, client, chip, device.DeviceToken, removal.IssuerId, removal.CardId, ct);
            }
            catch (GatewayProblemException problem)
            {
                ProvisionCommand.ShowProblem(problem);
            }
        }
    }
}
