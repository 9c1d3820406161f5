using Orleans.Configuration;

namespace WalletGateway.Hosting;

/// <summary>
/// Which silo's partition of Orleans' distributed grain directory owns a grain id, for the active silos and their ring
/// points (<see cref="GrainDirectoryOptions.GetPartitionBoundaries"/>, one per partition, as the silos report them): a
/// copy of the directory's lookup (a point owns the hashes after it up to the next point; of equal points the first by
/// partition, then silo, keeps the range). <c>DirectoryRingTests</c> compares it with Orleans' own. Used only to
/// choose new session ids whose directory entry lives on the session's own silo (<see cref="SessionIdMinter"/>): if a
/// later Orleans laid its ring out differently, entries would only be local by chance again; nothing depends on it
/// for correctness, and <c>PlacementTests</c> counts the directory's calls across silos to tell.
/// </summary>
public sealed class DirectoryRing
{
    private readonly uint[] _points;
    private readonly int[] _owners;

    private DirectoryRing(SiloAddress[] silos, uint[] points, int[] owners)
    {
        Silos = silos;
        _points = points;
        _owners = owners;
    }

    /// <summary>The active silos, sorted as the directory sorts them; owners are indexes into it.</summary>
    public IReadOnlyList<SiloAddress> Silos { get; }

    /// <param name="members">Each active silo with its ring points, in any order.</param>
    public static DirectoryRing Create(IEnumerable<(SiloAddress Silo, IReadOnlyList<uint> Points)> members)
    {
        var sorted = members.DistinctBy(m => m.Silo).ToArray();
        Array.Sort(sorted, static (left, right) => left.Silo.CompareTo(right.Silo));
        var silos = sorted.Select(m => m.Silo).ToArray();
        var entries = new List<(uint Point, int Partition, int Silo)>();
        for (var s = 0; s < sorted.Length; s++)
        {
            var points = sorted[s].Points.ToArray();
            Array.Sort(points);
            for (var p = 0; p < points.Length; p++)
            {
                entries.Add((points[p], p, s));
            }
        }

        // As the directory: by point, then partition, then silo; of equal points the first keeps the range.
        entries.Sort(static (a, b) => a.Point != b.Point ? a.Point.CompareTo(b.Point)
            : a.Partition != b.Partition ? a.Partition.CompareTo(b.Partition)
            : a.Silo.CompareTo(b.Silo));
        var kept = entries.Where((e, i) => i == 0 || e.Point != entries[i - 1].Point).ToArray();
        return new DirectoryRing(silos, kept.Select(e => e.Point).ToArray(), kept.Select(e => e.Silo).ToArray());
    }

    /// <summary>
    /// The index in <see cref="Silos"/> of the silo owning <paramref name="hash"/> (a grain id's
    /// <see cref="GrainId.GetUniformHashCode"/>): the last point below it, wrapping round; -1 with no silo.
    /// </summary>
    public int OwnerOf(uint hash)
    {
        if (_points.Length == 0)
        {
            return -1;
        }

        // A range is (point, next point]: the owner is the last point strictly below the hash.
        var i = Array.BinarySearch(_points, hash);
        var index = i >= 0 ? i - 1 : ~i - 1;
        return _owners[index < 0 ? _points.Length - 1 : index];
    }

    /// <summary>The index of <paramref name="silo"/> in <see cref="Silos"/>, -1 when it is not an active silo of this ring.</summary>
    public int IndexOf(SiloAddress silo)
    {
        for (var i = 0; i < Silos.Count; i++)
        {
            if (Silos[i].Equals(silo))
            {
                return i;
            }
        }

        return -1;
    }
}
