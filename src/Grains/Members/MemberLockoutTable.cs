namespace WalletGateway.Grains.Members;

/// <summary>
/// The wrong codes in a row of the members of one lockout shard (<see cref="MemberLockoutGrain"/>'s state, apart from the
/// grain so it is testable without a silo). Only members with a wrong code have an entry; an entry expires
/// <see cref="MemberLockoutOptions.LockDuration"/> after its last wrong code, which is also when a lock ends. Expiry is lazy:
/// the member's entry on each access, and every entry at most once per <see cref="SweepSpacing"/>, so memory stays bounded
/// by the wrong codes of about one lock duration without a timer. Not thread-safe: one grain activation's.
/// </summary>
public sealed class MemberLockoutTable(MemberLockoutOptions options)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Members with an entry, expired or not yet swept.</summary>
    public int Count => _entries.Count;

    private TimeSpan SweepSpacing => options.LockDuration / 16;

    /// <summary>The member's wrong codes in a row so far and how long the member stays locked (zero when not locked).</summary>
    public (int WrongCodes, TimeSpan LockedFor) Check(string memberId, DateTimeOffset now) =>
        Live(memberId, now) is { } entry
            ? (entry.WrongCodes, entry.LockedUntil is { } until ? until - now : TimeSpan.Zero)
            : (0, TimeSpan.Zero);

    /// <summary>
    /// Counts a wrong code; returns the attempts left. The code that leaves none locks the member for
    /// <see cref="MemberLockoutOptions.LockDuration"/> (as does one that races past a lock from another session).
    /// </summary>
    public int RecordWrongCode(string memberId, DateTimeOffset now)
    {
        var wrongCodes = (Live(memberId, now)?.WrongCodes ?? 0) + 1;
        var left = Math.Max(0, options.MaxWrongCodes - wrongCodes);
        _entries[memberId] = new Entry(wrongCodes, now, left == 0 ? now + options.LockDuration : null);
        return left;
    }

    /// <summary>Forgets the member's wrong codes.</summary>
    public void Clear(string memberId, DateTimeOffset now)
    {
        _entries.Remove(memberId);
        Sweep(now);
    }

    /// <summary>The member's entry unless it has expired (then removed); sweeps every expired entry when due.</summary>
    private Entry? Live(string memberId, DateTimeOffset now)
    {
        Sweep(now);
        if (!_entries.TryGetValue(memberId, out var entry))
        {
            return null;
        }

        if (now < ExpiresAt(entry))
        {
            return entry;
        }

        _entries.Remove(memberId);
        return null;
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep || _entries.Count == 0)
        {
            return;
        }

        foreach (var (memberId, entry) in _entries)
        {
            if (now >= ExpiresAt(entry))
            {
                // Removing while enumerating a Dictionary is allowed (.NET Core 3.0 and later).
                _entries.Remove(memberId);
            }
        }

        _nextSweep = now + SweepSpacing;
    }

    private DateTimeOffset ExpiresAt(Entry entry) => entry.LockedUntil ?? entry.LastWrongAt + options.LockDuration;

    private readonly record struct Entry(int WrongCodes, DateTimeOffset LastWrongAt, DateTimeOffset? LockedUntil);
}
