using System.Collections.Concurrent;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// The live session activations of this silo, so a draining silo can hand each one to another silo
/// before Orleans deactivates what is left (see <c>WalletGateway.Hosting.SessionDrain</c>).
/// </summary>
public sealed class LocalSessions
{
    private readonly ConcurrentDictionary<GrainId, IGrainContext> _sessions = new();

    public int Count => _sessions.Count;

    public IReadOnlyCollection<IGrainContext> Snapshot() => [.. _sessions.Values];

    internal void Add(IGrainContext context) => _sessions[context.GrainId] = context;

    internal void Remove(IGrainContext context) => _sessions.TryRemove(new KeyValuePair<GrainId, IGrainContext>(context.GrainId, context));
}
