using System.Diagnostics;
using Azure;
using Azure.Data.Tables;

namespace WalletGateway.GroupCommitStorage;

/// <summary>
/// One grain's write or clear waiting for its batch, with the side rows that go in the same transaction (or side rows
/// alone: <paramref name="entity"/> <see langword="null"/>); completes with the state row's new ETag.
/// </summary>
internal sealed class PendingOperation(
    GrainId grainId, string stateName, string partitionKey, TableEntity? entity, int dataBytes, string? eTag, bool delete,
    IReadOnlyList<TableTransactionAction>? sideActions = null)
{
    private readonly TaskCompletionSource<string?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainId GrainId { get; } = grainId;

    public string StateName { get; } = stateName;

    public string PartitionKey { get; } = partitionKey;

    /// <summary>The state row; <see langword="null"/> when only side rows are written.</summary>
    public TableEntity? Entity { get; } = entity;

    public bool IsDelete { get; } = delete;

    /// <summary>The ETag Orleans holds: <see langword="null"/> means the row must not exist yet.</summary>
    public string? ETag { get; } = eTag;

    public IReadOnlyList<TableTransactionAction> SideActions { get; } = sideActions ?? [];

    /// <summary>Entities this operation touches in its transaction.</summary>
    public int ActionCount => (Entity is null ? 0 : 1) + SideActions.Count;

    /// <summary>True when the operation is one plain state write, sent as a single request when alone.</summary>
    public bool IsSingleStateWrite => Entity is not null && !IsDelete && SideActions.Count == 0;

    public IEnumerable<string> RowKeys => Actions().Select(a => a.Entity.RowKey);

    /// <summary>The writer's span (<see cref="StorageTracing.DurableWrite"/>), which its batch's span links to.</summary>
    public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;

    public int EstimatedBytes { get; } =
        (entity is null ? 0 : StateEntityCodec.EstimatedRequestBytes(entity, dataBytes)) + ((sideActions?.Count ?? 0) * 1024);

    public Task<string?> Completion => _completion.Task;

    /// <summary>
    /// The state row first: insert when Orleans holds no ETag (fails if the row exists), otherwise replace or delete
    /// only if the row still has the ETag Orleans read (the optimistic concurrency Orleans expects); then the side rows.
    /// </summary>
    public IEnumerable<TableTransactionAction> Actions()
    {
        if (Entity is not null)
        {
            yield return (IsDelete, ETag) switch
            {
                (true, _) => new TableTransactionAction(TableTransactionActionType.Delete, Entity, new ETag(ETag!)),
                (false, null) => new TableTransactionAction(TableTransactionActionType.Add, Entity),
                (false, _) => new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity, new ETag(ETag)),
            };
        }

        foreach (var side in SideActions)
        {
            yield return side;
        }
    }

    public void Succeed(string? newETag) => _completion.TrySetResult(newETag);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
