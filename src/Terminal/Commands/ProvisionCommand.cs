using System.Security.Cryptography;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using WalletGateway.Contracts;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Terminal.Commands;

/// <summary>The wallet's screens: pick the card issuer, enter the code, watch the card being written, done.</summary>
internal sealed partial class ProvisionCommand : AsyncCommand<ProvisionSettings>
{
    private const string DeviceModel = "WalletGateway Terminal";
    private static readonly TimeSpan GatewayTimeout = TimeSpan.FromSeconds(30);

    public override async Task<int> ExecuteAsync(CommandContext context, ProvisionSettings settings, CancellationToken cancellationToken)
    {
        var home = new TerminalHome(settings.Home);
        using var http = new HttpClient { BaseAddress = settings.GatewayRoot, Timeout = GatewayTimeout };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("walletgateway-terminal/1.0");
        var client = new GatewayClient(http);
        try
        {
            var input = await AskForMissingAsync(client, settings, cancellationToken);
            var chip = LoadOrCreateChip(home, settings);
            var result = await ProvisionAsync(home, client, chip, input, cancellationToken);
            ShowResult(result, chip.ChipId);
            await RemovalScreen.RunPendingAsync(home, client, chip, result.RemovalsPending ?? [], cancellationToken);
            return IsActive(result.Status) ? ExitCodes.Ok : ExitCodes.Refused;
        }
        catch (GatewayProblemException problem)
        {
            ShowProblem(problem);
            return ExitCodes.Refused;
        }
        catch (UsageException usage)
        {
            ErrorConsole.Error(usage.Message);
            return ExitCodes.UsageOrConnection;
        }
        catch (HttpRequestException unreachable)
        {
            ErrorConsole.Error($"Cannot reach the gateway at {settings.GatewayRoot}: {unreachable.Message}");
            return ExitCodes.UsageOrConnection;
        }
        catch (TaskCanceledException timeout) when (timeout.InnerException is TimeoutException)
        {
            ErrorConsole.Error($"The gateway at {settings.GatewayRoot} did not answer within {GatewayTimeout.TotalSeconds:0} s.");
            return ExitCodes.UsageOrConnection;
        }
        catch (Exception unexpected) when (unexpected is JsonException or FormatException)
        {
            ErrorConsole.Error($"The gateway's answer does not follow the terminal protocol: {unexpected.Message}");
            return ExitCodes.UsageOrConnection;
        }
    }

    private static async Task<ProvisioningResult> ProvisionAsync(
        TerminalHome home, GatewayClient client, SoftSecureElement chip, ProvisioningInput input, CancellationToken ct)
    {
        var runner = new ProvisioningRunner(client, chip);
        var stored = home.LoadDevice();
        var device = stored ?? await RegisterAsync(home, client, ct);

        async Task<ProvisioningResult> RunAsync(StageReporter reporter)
        {
            try
            {
                return await runner.ProvisionAsync(device.DeviceToken, input.IssuerId, input.MemberId, input.AccessCode, reporter, ct);
            }
            catch (GatewayProblemException refused) when (
                refused.Status == 401 && stored is not null && reporter.LastStage == ProvisioningProgress.OpeningSession)
            {
                // Opening a session only checks the device token: the gateway no longer knows this device
                // (its storage was wiped, or the registration was revoked). Register again, once.
                AnsiConsole.MarkupLine("[yellow]The gateway no longer knows this device; registering it again.[/]");
                device = await RegisterAsync(home, client, ct);
                return await runner.ProvisionAsync(device.DeviceToken, input.IssuerId, input.MemberId, input.AccessCode, reporter, ct);
            }
        }

        try
        {
            // A live status line only on a terminal: redirected, Spectre would print its text again below the stage lines.
            return AnsiConsole.Profile.Capabilities.Interactive
                ? await AnsiConsole.Status().StartAsync(ProvisioningProgress.OpeningSession, status => RunAsync(new StageReporter(status)))
                : await RunAsync(new StageReporter(status: null));
        }
        finally
        {
            // A real chip keeps whatever it was sent, whatever the outcome (sequence counter included): so does this one.
            home.SaveChip(chip);
        }
    }

    private static async Task<DeviceRegisteredResponse> RegisterAsync(TerminalHome home, GatewayClient client, CancellationToken ct)
    {
        var device = await client.RegisterDeviceAsync(DeviceModel, Environment.OSVersion.VersionString, ct);
        home.SaveDevice(device);
        AnsiConsole.MarkupLineInterpolated($"Registered this terminal with the gateway as device [bold]{device.DeviceId}[/].");
        return device;
    }

    private static SoftSecureElement LoadOrCreateChip(TerminalHome home, ProvisionSettings settings)
    {
        if (home.LoadChip() is { } existing)
        {
            if (settings.MasterKey is not null)
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"[yellow]--master-key ignored:[/] the secure element in {home.ChipPath} already has its keys.");
            }

            return existing;
        }

        var masterKey = settings.MasterKeyBytes;
        try
        {
            var chip = SoftSecureElement.CreateRandom(masterKey);
            home.SaveChip(chip);
            AnsiConsole.MarkupLineInterpolated($"New secure element [bold]{chip.ChipId}[/] in {home.ChipPath}.");
            return chip;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(masterKey);
        }
    }

    private static bool IsActive(string status) => string.Equals(status, "active", StringComparison.OrdinalIgnoreCase);
}
