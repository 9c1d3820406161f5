using BenchmarkDotNet.Attributes;
using Orleans.Runtime;
using WalletGateway.Hosting;

namespace WalletGateway.Benchmarks;

/// <summary>
/// What a client frontend spends minting a session id in its device's gateway bucket (<see cref="SessionIdMinter"/>):
/// ~buckets grain id hashes, against a plain <see cref="Guid.NewGuid"/>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SessionIdMinterBenchmark
{
    private static readonly GrainType SessionType = GrainType.Create("terminalsession");
    private uint _next;

    [Params(256, 8192)]
    public uint Buckets { get; set; }

    [Benchmark(Baseline = true)]
    public Guid NewGuid() => Guid.NewGuid();

    [Benchmark]
    public Guid Mint() => SessionIdMinter.Mint(SessionType, _next++ % Buckets, Buckets);
}
