using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WalletGateway.LoadTests.Runner;

/// <summary><c>serve-bare</c>: Kestrel answering a trivial POST, nothing else; the ceiling any endpoint on this box can reach.</summary>
internal static class BareServer
{
    public static async Task<int> RunAsync(int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/readyz", () => Results.Text("ready"));
        app.MapPost("/bare", async (HttpRequest request) =>
        {
            // Read the body as a real endpoint would, answer a small JSON.
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Text("""{"ok":true}""", "application/json");
        });
        Console.WriteLine($"bare Kestrel on http://127.0.0.1:{port}/bare (PID {Environment.ProcessId})");
        await app.StartAsync(ct);
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM from the runner that started it.
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
