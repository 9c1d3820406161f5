using Azure;
using Azure.Data.Tables;

namespace WalletGateway.GroupCommitStorage;

/// <summary>One grain's write or clear waiting for its batch; completes with the row's new ETag.</summary>
internal sealed class PendingOperation(GrainId grainId, string stateName, TableEntity entity, int dataBytes, string? eTag, bool delete)
{
    private readonly TaskCompletionSource<string?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainId GrainId { get; } = grainId;

    public string StateName { get; } = stateName;

    public TableEntity Entity { get; } = entity;

    public bool IsDelete { get; } = delete;

    /// <summary>The ETag Orleans holds: <see langword="null"/> means the row must not exist yet.</summary>
    public string? ETag { get; } = eTag;

    public int EstimatedBytes { get; } = StateEntityCodec.EstimatedRequestBytes(entity, dataBytes);

    public Task<string?> Completion => _completion.Task;

    /// <summary>
    /// Insert when Orleans holds no ETag (fails if the row exists), otherwise replace or delete only if
    /// the row still has the ETag Orleans read: the optimistic concurrency Orleans expects.
    /// </summary>
    public TableTransactionAction ToAction() => (IsDelete, ETag) switch
    {
        (true, _) => new TableTransactionAction(TableTransactionActionType.Delete, Entity, new ETag(ETag!)),
        (false, null) => new TableTransactionAction(TableTransactionActionType.Add, Entity),
        (false, _) => new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity, new ETag(ETag)),
    };

    public void Succeed(string? newETag) => _completion.TrySetResult(newETag);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
