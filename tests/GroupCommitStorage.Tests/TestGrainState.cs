namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>What an activation holds of its state: the value, the ETag it read or wrote, whether a record exists.</summary>
public sealed class TestGrainState : IGrainState<TestState>
{
    private TestState _state = new();

    // Orleans' interface allows a null state; a provider that sets one gets an empty state here instead.
#pragma warning disable CS8767
    public TestState State
    {
        get => _state;
        set => _state = value ?? new TestState();
    }
#pragma warning restore CS8767

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
