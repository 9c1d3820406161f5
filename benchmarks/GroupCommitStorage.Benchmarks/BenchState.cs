namespace WalletGateway.GroupCommitStorage.Benchmarks;

/// <summary>About the size of a card's durable state.</summary>
[GenerateSerializer, Alias("gc-bench.state")]
public sealed class BenchState
{
    [Id(0)]
    public int Version { get; set; }

    [Id(1)]
    public string Payload { get; set; } = "";
}
