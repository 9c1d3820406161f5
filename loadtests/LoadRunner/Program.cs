using WalletGateway.LoadTests;
using WalletGateway.LoadTests.Runner;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: stop starting, drain, clean up (clear faults, stop what we started), write reports. Second: exit.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

// SIGTERM (how loadrunner stops the serve-bare it started, and how CI stops a job) is a Ctrl+C too.
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
try
{
    return command switch
    {
        "run" when rest.Contains("--help") => Help.Print(),
        "run" => await Commands.RunAsync(CampaignConfig.Parse(rest), cancellation.Token),
        "serve-bare" => await BareServer.RunAsync(BenchOptions.Parse(rest).Port, cancellation.Token),
        "bare" => await Commands.BareAsync(BenchOptions.Parse(rest), cancellation.Token),
        "azurite" => await Commands.AzuriteAsync(BenchOptions.Parse(rest), cancellation.Token),
        "knee" => await Commands.KneeAsync(BenchOptions.Parse(rest), cancellation.Token),
        "bench" => await Commands.BenchAsync(BenchOptions.Parse(rest), cancellation.Token),
        "sustain" => await Commands.SustainAsync(SustainOptions.Parse(rest), cancellation.Token),
        "invariants" => await Commands.InvariantsAsync(rest, cancellation.Token),
        "help" or "--help" or "-h" => Help.Print(),
        _ => throw new FormatException($"Unknown command '{command}'. Try: loadrunner help"),
    };
}
catch (FormatException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 64;
}
catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or TimeoutException or System.Text.Json.JsonException)
{
    // Nothing listening, run.sh or Azurite missing or failing, a bad JSON file: say so plainly.
    Console.Error.WriteLine("error: " + ex.Message);
    return 3;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
