using System.Diagnostics;
using System.Globalization;

namespace WalletGateway.LoadTests.Runner;

/// <summary>
/// Reads the gateway's durable writes from outside its process: <c>dotnet-counters collect</c> (a .NET global tool,
/// <c>dotnet tool install -g dotnet-counters</c>) writes the <c>WalletGateway.Storage</c> meter to CSV once a second;
/// the increments of <c>walletgateway.storage.writes</c> are summed.
/// </summary>
internal sealed class DotnetCounters : IAsyncDisposable
{
    private readonly ChildProcess _collector;
    private readonly string _csv;

    private DotnetCounters(ChildProcess collector, string csv)
    {
        _collector = collector;
        _csv = csv;
    }

    public static DotnetCounters? TryStart(int gatewayPid, string folder, Action<string> say)
    {
        var tool = FindTool();
        if (tool is null)
        {
            say("dotnet-counters is not installed (dotnet tool install -g dotnet-counters): durable writes per card are not measured.");
            return null;
        }

        var csv = Path.GetFullPath(Path.Combine(folder, "storage-counters.csv"));
        File.Delete(csv);
        var collector = ChildProcess.Start(tool, ["collect", "--process-id", gatewayPid.ToString(CultureInfo.InvariantCulture), "--counters", "WalletGateway.Storage",
            "--format", "csv", "--output", csv, "--refresh-interval", "1"], folder, Path.Combine(folder, "dotnet-counters.log"));
        say($"dotnet-counters (PID {collector.Pid}) reads WalletGateway.Storage of the gateway (PID {gatewayPid}) into {csv}");
        return new DotnetCounters(collector, csv) { };
    }

    /// <summary>Writes counted so far; waits two refresh intervals so the last second is in the file.</summary>
    public async Task<long> ReadAsync(CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(2.2), ct);
        if (!File.Exists(_csv))
        {
            return 0;
        }

        using var stream = new FileStream(_csv, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        double sum = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            // Timestamp,Provider,Counter Name,Counter Type,Mean/Increment
            var cells = line.Split(',');
            if (cells.Length >= 5 && cells[2].Contains("walletgateway.storage.writes", StringComparison.Ordinal)
                && double.TryParse(cells[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                sum += value;
            }
        }

        return (long)Math.Round(sum);
    }

    public ValueTask DisposeAsync() => _collector.DisposeAsync();

    private static string? FindTool()
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        foreach (var candidate in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append(Path.Combine(home, ".dotnet", "tools")))
        {
            var path = Path.Combine(candidate, "dotnet-counters");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
