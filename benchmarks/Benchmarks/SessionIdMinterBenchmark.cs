using System.Net;
using BenchmarkDotNet.Attributes;
using Orleans.Runtime;
using WalletGateway.Hosting;

namespace WalletGateway.Benchmarks;

/// <summary>
/// What a client frontend spends minting a session id in its device's gateway bucket (<see cref="SessionIdMinter"/>):
/// ~buckets grain id hashes, against a plain <see cref="Guid.NewGuid"/>; and beside a silo of a 3-silo ring
/// (<see cref="SessionIdMinter.MintBeside"/>: a bucket of that silo and its range of the grain directory).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SessionIdMinterBenchmark
{
    private static readonly GrainType SessionType = GrainType.Create("terminalsession");
    private uint _next;
    private GatewayMap? _map;

    [Params(256, 8192)]
    public uint Buckets { get; set; }

    [Benchmark(Baseline = true)]
    public Guid NewGuid() => Guid.NewGuid();

    [GlobalSetup]
    public void Setup()
    {
        // Three silos, one ring point each (Orleans' default), buckets spread round-robin over them.
        var silos = Enumerable.Range(0, 3).Select(i => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + i), 155_000_000 + i));
        var ring = DirectoryRing.Create(silos.Select(s => (s, (IReadOnlyList<uint>)s.GetUniformHashCodes(1).ToArray())));
        _map = new GatewayMap(ring, [.. Enumerable.Range(0, (int)Buckets).Select(b => b % 3)]);
    }

    [Benchmark]
    public Guid Mint() => SessionIdMinter.Mint(SessionType, _next++ % Buckets, Buckets);

    [Benchmark]
    public Guid MintBeside() => SessionIdMinter.MintBeside(SessionType, _next++ % Buckets, Buckets, _map!);
}
