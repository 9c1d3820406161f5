using Orleans.Storage;

namespace WalletGateway.Grains;

/// <summary>
/// Durable grain state read when the grain first needs it, not when it activates (as <c>[PersistentState]</c> is):
/// a grain activated only to be created (a freshly registered device) costs one insert and no read. Not thread-safe,
/// as grain state: for a non-reentrant grain.
/// </summary>
public sealed class OnDemandState<T>(string stateName, GrainId grainId, IGrainStorage storage) : IPersistentState<T>
    where T : new()
{
    private readonly GrainState<T> _state = new(new T());

    /// <summary>What storage holds is known: read, or written by this activation.</summary>
    public bool IsKnown { get; private set; }

    public T State
    {
        get => _state.State ??= new T();
        set => _state.State = value;
    }

    public string? Etag => _state.ETag;

    public bool RecordExists => _state.RecordExists;

    /// <summary>Reads the state unless this activation already knows it.</summary>
    public Task EnsureReadAsync() => IsKnown ? Task.CompletedTask : ReadStateAsync();

    public async Task ReadStateAsync()
    {
        await storage.ReadStateAsync(stateName, grainId, _state);
        IsKnown = true;
    }

    /// <summary>Writes the state; with no ETag (never read, or no row when read) it is an insert, refused when a row exists.</summary>
    public async Task WriteStateAsync()
    {
        await storage.WriteStateAsync(stateName, grainId, _state);
        IsKnown = true;
    }

    public async Task ClearStateAsync()
    {
        await storage.ClearStateAsync(stateName, grainId, _state);
        IsKnown = true;
    }
}
