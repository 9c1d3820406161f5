// Writes/s and latency of N concurrent grains' state writes through Orleans' AzureTableGrainStorage and
// through the group-commit provider, side by side in one process against one Azure Table service.
// Each "grain" is a worker with its own grain id that writes its state again as soon as the previous
// write completed (a closed loop, as an activation does: Orleans never overlaps one grain's writes).
//
//   dotnet run -c Release --project benchmarks/GroupCommitStorage.Benchmarks -- \
//       "<connection string>" [seconds per run=10] [concurrency list=16,64,256] [rounds=2] [partitions=16]
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using WalletGateway.GroupCommitStorage;
using WalletGateway.GroupCommitStorage.Benchmarks;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: groupcommit-bench <storage connection string> [seconds=10] [concurrency=16,64,256] [rounds=2] [partitions=16]");
    return 2;
}

var connectionString = args[0];
var seconds = args.Length > 1 ? int.Parse(args[1]) : 10;
var concurrencies = (args.Length > 2 ? args[2] : "16,64,256").Split(',').Select(int.Parse).ToArray();
var rounds = args.Length > 3 ? int.Parse(args[3]) : 2;
var partitions = args.Length > 4 ? int.Parse(args[4]) : new GroupCommitStorageOptions().PartitionCount;
var suffix = Guid.NewGuid().ToString("N")[..8];
var providers = new[] { ("AzureTable", "benchStock" + suffix), ("GroupCommit", "benchGroup" + suffix) };

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(FreePort(), FreePort());
    silo.AddAzureTableGrainStorage(providers[0].Item1, o =>
    {
        o.TableServiceClient = new TableServiceClient(connectionString);
        o.TableName = providers[0].Item2;
    });
    silo.AddGroupCommitGrainStorage(providers[1].Item1, o =>
    {
        o.TableServiceClient = new TableServiceClient(connectionString);
        o.TableName = providers[1].Item2;
        o.PartitionCount = partitions;
    });
});
using var host = builder.Build();
await host.StartAsync();

Console.WriteLine($"{seconds} s per run, {rounds} round(s), providers alternating, group commit on {partitions} partitions; writes/s and latency of each write");
Console.WriteLine("| provider | concurrent grains | writes/s | p50 ms | p99 ms | entities/batch |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var concurrency in concurrencies)
{
    for (var round = 0; round < rounds; round++)
    {
        foreach (var (name, _) in providers)
        {
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(name);
            var statistics = (storage as GroupCommitGrainStorage)?.Statistics;
            var (batches, entities) = (statistics?.Batches ?? 0, statistics?.Entities ?? 0);
            var result = await RunAsync(storage, concurrency, TimeSpan.FromSeconds(seconds));
            var perBatch = statistics is null ? "1" : $"{(double)(statistics.Entities - entities) / Math.Max(1, statistics.Batches - batches):F1}";
            Console.WriteLine($"| {name} | {concurrency} | {result.WritesPerSecond:F0} | {result.P50:F1} | {result.P99:F1} | {perBatch} |");
        }
    }
}

await host.StopAsync();
foreach (var (_, table) in providers)
{
    await new TableServiceClient(connectionString).DeleteTableAsync(table);
}

return 0;

static async Task<(double WritesPerSecond, double P50, double P99)> RunAsync(IGrainStorage storage, int concurrency, TimeSpan duration)
{
    var grains = Enumerable.Range(0, concurrency).Select(_ => GrainId.Create("bench", Guid.NewGuid().ToString("N"))).ToArray();
    var states = grains.Select(_ => new BenchGrainState { State = { Payload = new string('x', 600) } }).ToArray();

    // First write of each grain (an insert) outside the measurement.
    await Task.WhenAll(grains.Select((id, i) => storage.WriteStateAsync("state", id, states[i])));

    var latencies = new List<double>[concurrency];
    var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async i =>
    {
        var own = latencies[i] = new List<double>(4096);
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var t0 = Stopwatch.GetTimestamp();
            states[i].State.Version++;
            await storage.WriteStateAsync("state", grains[i], states[i]);
            own.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
    }));
    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    return (all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
