using WalletGateway.Campaigns.Example;

if (args.Contains("--help"))
{
    Console.WriteLine(ExampleOptions.Usage);
    return 0;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: stop starting, drain, clean up, report. Second: exit.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

try
{
    return await ExampleCampaign.RunAsync(ExampleOptions.Parse(args), cancellation.Token);
}
catch (FormatException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 64;
}
catch (HttpRequestException ex)
{
    // Nothing listening at a gateway or the simulator (the pools fill before the load starts).
    Console.Error.WriteLine("error: " + ex.Message);
    return 3;
}
