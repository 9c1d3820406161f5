using Spectre.Console;
using Spectre.Console.Cli;
using WalletGateway.Contracts;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Terminal.Commands;

/// <summary>
/// What the secure element holds, with the status the gateway holds for each card (a suspended card shows as
/// suspended, a deleted one as deleted) and which can be removed; a removal the gateway says is pending (a remote wipe)
/// is run first, by itself. Shows the last four digits only, never a full card number.
/// </summary>
internal sealed class CardsCommand : AsyncCommand<CardsSettings>
{
    private const string RemovalPending = "removal-pending";

    public override async Task<int> ExecuteAsync(CommandContext context, CardsSettings settings, CancellationToken cancellationToken)
    {
        var home = new TerminalHome(settings.Home);
        if (home.LoadChip() is not { } chip)
        {
            ErrorConsole.Error($"No secure element in {home.ChipPath} yet: run provision first, or pass --home.");
            return ExitCodes.UsageOrConnection;
        }

        if (chip.Cards.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"Secure element [bold]{chip.ChipId}[/] holds no card yet.");
            return ExitCodes.Ok;
        }

        var (statuses, note) = settings.Offline ? (null, "not asked (--offline)") : await StatusesAsync(home, settings, chip.ChipId, cancellationToken);
        if (statuses?.Where(s => s.Status == RemovalPending).Select(s => new PendingRemoval(s.IssuerId, s.CardId)).ToList() is { Count: > 0 } wipes)
        {
            using var http = new HttpClient { BaseAddress = settings.GatewayRoot, Timeout = TimeSpan.FromSeconds(30) };
            await RemovalScreen.RunPendingAsync(home, new GatewayClient(http), chip, wipes, cancellationToken);
            (statuses, note) = await StatusesAsync(home, settings, chip.ChipId, cancellationToken);
        }

        if (chip.Cards.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"Secure element [bold]{chip.ChipId}[/] holds no card any more.");
            return ExitCodes.Ok;
        }

        var table = new Table()
            .Title($"Secure element {chip.ChipId}")
            .AddColumns("Issuer", "Card id", "Card", "Expiry", "Cardholder", "Check value", "Status", "Removable");
        foreach (var card in chip.Cards)
        {
            table.AddRow(
                new Text(card.IssuerId),
                new Text(card.CardId),
                new Text($"•••• {card.Last4}"),
                new Text(card.Expiry),
                new Text(card.CardholderName),
                new Text(card.PaymentKeyCheckValue),
                StatusCell(statuses, card.IssuerId, card.CardId),
                new Text(IsRemovable(statuses, card.IssuerId, card.CardId) ? "yes" : "-"));
        }

        AnsiConsole.Write(table);
        if (chip.Cards.Any(c => IsRemovable(statuses, c.IssuerId, c.CardId)))
        {
            AnsiConsole.MarkupLine("[grey]Take a card off this phone: remove --issuer <issuer> --card-id <card id>.[/]");
        }

        if (note is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]Status from the gateway: {note}.[/]");
        }

        return ExitCodes.Ok;
    }

    private static async Task<(IReadOnlyList<ChipCardResponse>? Statuses, string? Note)> StatusesAsync(
        TerminalHome home, CardsSettings settings, string chipId, CancellationToken cancellationToken)
    {
        if (home.LoadDevice() is not { } device)
        {
            return (null, "unknown (this terminal is not registered)");
        }

        try
        {
            using var http = new HttpClient { BaseAddress = settings.GatewayRoot, Timeout = TimeSpan.FromSeconds(10) };
            return (await new GatewayClient(http).ListChipCardsAsync(device.DeviceToken, chipId, cancellationToken), null);
        }
        catch (Exception e) when (e is HttpRequestException or GatewayProblemException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return (null, $"unavailable ({e.Message})");
        }
    }

    /// <summary>The gateway has the card on this chip (active, suspended, unconfirmed, or its removal pending): a removal session takes it off.</summary>
    private static bool IsRemovable(IReadOnlyList<ChipCardResponse>? statuses, string issuerId, string cardId) =>
        statuses?.FirstOrDefault(s => s.IssuerId == issuerId && s.CardId == cardId)?.Status is "active" or "suspended" or "unconfirmed" or RemovalPending;

    private static Markup StatusCell(IReadOnlyList<ChipCardResponse>? statuses, string issuerId, string cardId)
    {
        if (statuses is null)
        {
            return new Markup("[grey]?[/]");
        }

        var status = statuses.FirstOrDefault(s => s.IssuerId == issuerId && s.CardId == cardId)?.Status ?? "unknown";
        return new Markup(status switch
        {
            "active" => "[green]active[/]",
            "suspended" => "[yellow]suspended[/]",
            "deleted" => "[red]deleted[/]",
            RemovalPending => "[red]removal-pending[/]",
            _ => $"[grey]{Markup.Escape(status)}[/]",
        });
    }
}
