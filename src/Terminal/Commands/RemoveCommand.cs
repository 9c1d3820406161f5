using Spectre.Console.Cli;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Terminal.Commands;

/// <summary>
/// Takes a card off this terminal's secure element through a removal session (docs/terminal-protocol.md, "Removal"):
/// the gateway verifies the chip's answer and frees the card for another phone.
/// </summary>
internal sealed class RemoveCommand : AsyncCommand<RemoveSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RemoveSettings settings, CancellationToken cancellationToken)
    {
        var home = new TerminalHome(settings.Home);
        if (home.LoadChip() is not { } chip || home.LoadDevice() is not { } device)
        {
            ErrorConsole.Error($"No secure element or device registration in {settings.Home}: run provision first, or pass --home.");
            return ExitCodes.UsageOrConnection;
        }

        using var http = new HttpClient { BaseAddress = settings.GatewayRoot, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await RemovalScreen.RemoveAsync(home, new GatewayClient(http), chip, device.DeviceToken, settings.Issuer, settings.CardId, cancellationToken);
            return ExitCodes.Ok;
        }
        catch (GatewayProblemException problem)
        {
            ProvisionCommand.ShowProblem(problem);
            return ExitCodes.Refused;
        }
        catch (HttpRequestException unreachable)
        {
            ErrorConsole.Error($"Cannot reach the gateway at {settings.GatewayRoot}: {unreachable.Message}");
            return ExitCodes.UsageOrConnection;
        }
    }
}
