using Azure.Data.Tables;

namespace WalletGateway.GroupCommitStorage;

/// <summary>
/// A row written in the same batch transaction as its grain's state: a record kept beside the state (an audit
/// record: <see cref="SideRowScope.Grain"/>) or a marker that a sweep of the whole partition finds
/// (<see cref="SideRowScope.Partition"/>). Either the state and its side rows are stored, or none of them.
/// </summary>
/// <param name="Name">Row name: unreserved characters only (letters, digits, <c>-._~</c>).</param>
/// <param name="Properties">The row's properties; ignored for a delete.</param>
/// <param name="Delete">Delete the row (it must exist) instead of writing it.</param>
public sealed record SideRow(string Name, SideRowScope Scope, IReadOnlyDictionary<string, object?> Properties, bool Delete = false);

public enum SideRowScope
{
    /// <summary>Row key = the state's row key + <c>$</c> + name: read back per grain with <see cref="ISideRowStore.ReadSideRowsAsync"/>.</summary>
    Grain,

    /// <summary>Row key = <c>~</c> + name + <c>$</c> + the state's row key: found per partition with <see cref="ISideRowStore.ReadMarkersAsync"/>.</summary>
    Partition,
}

/// <summary>Query filters over a range of row keys.</summary>
public static class TableRanges
{
    /// <summary>The rows of one partition whose row key starts with <paramref name="prefix"/>: one range read inside the partition.</summary>
    public static string StartingWith(string partitionKey, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {prefix + '\uffff'}");
}

/// <summary>A grain state whose writes carry side rows. The storage takes them just before it serializes the state.</summary>
public interface IHasSideRows
{
    /// <summary>Returns the rows to write with this write and forgets them (they are no longer part of the state).</summary>
    IReadOnlyList<SideRow> TakeSideRows();
}

/// <summary>What a grain storage that writes side rows also offers (implemented by <see cref="GroupCommitGrainStorage"/>).</summary>
public interface ISideRowStore
{
    /// <summary>Number of partitions a sweep goes through.</summary>
    int PartitionCount { get; }

    /// <summary>The grain's side rows of <see cref="SideRowScope.Grain"/> whose name starts with <paramref name="prefix"/>, in name order.</summary>
    IAsyncEnumerable<TableEntity> ReadSideRowsAsync(string stateName, GrainId grainId, string prefix, CancellationToken cancellationToken);

    /// <summary>Markers named <paramref name="name"/> in one partition (one range query inside the partition).</summary>
    IAsyncEnumerable<TableEntity> ReadMarkersAsync(int partition, string name, CancellationToken cancellationToken);

    /// <summary>Whether the grain's marker named <paramref name="name"/> exists (one point read).</summary>
    Task<bool> MarkerExistsAsync(string stateName, GrainId grainId, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Writes side rows without the state (a marker's removal, say), sharing the next batch of the grain's partition;
    /// it waits up to <paramref name="maxDelay"/> for company. A delete of a row that is gone fails with
    /// <see cref="Orleans.Storage.InconsistentStateException"/>.
    /// </summary>
    Task WriteSideRowsAsync(string stateName, GrainId grainId, IReadOnlyList<SideRow> rows, TimeSpan maxDelay);
}
