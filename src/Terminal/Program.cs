using Spectre.Console;
using Spectre.Console.Cli;
using WalletGateway.Terminal.Commands;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("walletgateway-terminal");
    config.AddCommand<ProvisionCommand>("provision")
        .WithDescription("Write a card from an issuer onto this terminal's secure element.")
        .WithExample("provision")
        .WithExample("provision", "--issuer", "demo-card", "--member", "M0001");
    config.AddCommand<CardsCommand>("cards")
        .WithDescription("List the cards this terminal's secure element holds.");
    config.SetExceptionHandler((exception, _) =>
    {
        if (exception is CommandAppException { Pretty: { } pretty })
        {
            ErrorConsole.Instance.Write(pretty);
        }
        else
        {
            ErrorConsole.Error(exception.Message);
        }

        return ExitCodes.UsageOrConnection;
    });
});

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels cleanly (the open session is aborted); a second one ends the process.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
return await app.RunAsync(args, cancellation.Token);
