namespace WalletGateway.GroupCommitStorage;

/// <summary>
/// Storage did not confirm a write. When the batch got no answer the write may or may not be stored:
/// the caller must re-read before trusting or rewriting the state (Orleans does so on the next activation).
/// </summary>
[GenerateSerializer, Alias("WalletGateway.GroupCommitStorage.GroupCommitStorageException")]
public sealed class GroupCommitStorageException : OrleansException
{
    public GroupCommitStorageException(string message) : base(message)
    {
    }

    public GroupCommitStorageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
