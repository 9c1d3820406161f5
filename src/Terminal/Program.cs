using Spectre.Console;
using Spectre.Console.Cli;
using WalletGateway.Terminal.Commands;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels cleanly (the open session is aborted); a second one ends the process.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("walletgateway-terminal");
    config.UseStrictParsing();
    config.AddCommand<ProvisionCommand>("provision")
        .WithDescription("Write a card from an issuer onto this terminal's secure element.")
        .WithExample("provision")
        .WithExample("provision", "--issuer", "demo-card", "--member", "M0001");
    config.AddCommand<CardsCommand>("cards")
        .WithDescription("List the cards this terminal's secure element holds, which can be removed, and run removals the gateway asks for.");
    config.AddCommand<RemoveCommand>("remove")
        .WithDescription("Take a card off this terminal's secure element (the gateway verifies the chip's answer).")
        .WithExample("remove", "--issuer", "demo-card", "--card-id", "C0123456789ABCDEF01234567");
    config.SetExceptionHandler((exception, _) =>
    {
        switch (exception)
        {
            case OperationCanceledException when cancellation.IsCancellationRequested:
                ErrorConsole.Instance.MarkupLine("[yellow]Cancelled.[/]");
                return ExitCodes.Cancelled;
            case CommandAppException { Pretty: { } pretty }:
                ErrorConsole.Instance.Write(pretty);
                return ExitCodes.UsageOrConnection;
            default:
                ErrorConsole.Error(exception.Message);
                return ExitCodes.UsageOrConnection;
        }
    });
});

return await app.RunAsync(args, cancellation.Token);
