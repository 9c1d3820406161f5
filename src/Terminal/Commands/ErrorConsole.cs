using Spectre.Console;

namespace WalletGateway.Terminal.Commands;

/// <summary>Standard error, so a script that reads the terminal's output gets results only.</summary>
internal static class ErrorConsole
{
    public static IAnsiConsole Instance { get; } =
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static void Error(string message) => Instance.MarkupLineInterpolated($"[red]Error:[/] {message}");
}
