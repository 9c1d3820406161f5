namespace WalletGateway.GroupCommitStorage.Benchmarks;

public sealed class BenchGrainState : IGrainState<BenchState>
{
    private BenchState _state = new();

#pragma warning disable CS8767 // Orleans' interface allows a null state.
    public BenchState State
    {
        get => _state;
        set => _state = value ?? new BenchState();
    }
#pragma warning restore CS8767

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
