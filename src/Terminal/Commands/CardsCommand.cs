using Spectre.Console;
using Spectre.Console.Cli;

namespace WalletGateway.Terminal.Commands;

/// <summary>What the secure element holds. Shows the last four digits only, never a full card number.</summary>
internal sealed class CardsCommand : Command<HomeSettings>
{
    public override int Execute(CommandContext context, HomeSettings settings, CancellationToken cancellationToken)
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

        var table = new Table()
            .Title($"Secure element {chip.ChipId}")
            .AddColumns("Issuer", "Card id", "Card", "Expiry", "Cardholder", "Check value");
        foreach (var card in chip.Cards)
        {
            table.AddRow(
                new Text(card.IssuerId),
                new Text(card.CardId),
                new Text($"•••• {card.Last4}"),
                new Text(card.Expiry),
                new Text(card.CardholderName),
                new Text(card.PaymentKeyCheckValue));
        }

        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }
}
