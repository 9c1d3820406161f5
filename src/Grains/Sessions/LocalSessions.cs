using System.Collections.Concurrent;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// The live session activations of this silo and when each expires: the silo's one expiry sweep
/// (<see cref="SessionExpirySweep"/>) reads the deadlines instead of every session keeping a timer, and a draining
/// silo hands each session to another silo before Orleans deactivates what is left (see <c>WalletGateway.Hosting.SessionDrain</c>).
/// </summary>
public sealed class LocalSessions
{
    private readonly ConcurrentDictionary<GrainId, Entry> _sessions = new();

    public int Count => _sessions.Count;

    public IReadOnlyCollection<IGrainContext> Snapshot() => [.. _sessions.Values.Select(e => e.Context)];

    /// <summary>The sessions whose deadline is at or before <paramref name="now"/>.</summary>
    public IReadOnlyList<GrainId> DueAt(DateTimeOffset now)
    {
        List<GrainId>? due = null;
        foreach (var (id, entry) in _sessions)
        {
            if (entry.ExpiresAtTicks <= now.UtcTicks)
            {
                (due ??= []).Add(id);
            }
        }

        return due ?? (IReadOnlyList<GrainId>)[];
    }

    internal void Add(IGrainContext context) => _sessions[context.GrainId] = new Entry(context);

    /// <summary>Tells the sweep when the session expires (after each step, which moves its idle deadline).</summary>
    internal void ExpiresAt(IGrainContext context, DateTimeOffset expiresAt)
    {
        if (_sessions.TryGetValue(context.GrainId, out var entry) && ReferenceEquals(entry.Context, context))
        {
            Volatile.Write(ref entry.ExpiresAtTicks, expiresAt.UtcTicks);
        }
    }

    internal void Remove(IGrainContext context)
    {
        if (_sessions.TryGetValue(context.GrainId, out var entry) && ReferenceEquals(entry.Context, context))
        {
            _sessions.TryRemove(new KeyValuePair<GrainId, Entry>(context.GrainId, entry));
        }
    }

    private sealed class Entry(IGrainContext context)
    {
        public readonly IGrainContext Context = context;

        // Not due until the session says when: a session that never opened is left to Orleans' idle collection.
        public long ExpiresAtTicks = DateTimeOffset.MaxValue.UtcTicks;
    }
}
