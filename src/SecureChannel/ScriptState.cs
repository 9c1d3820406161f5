namespace WalletGateway.SecureChannel;

public enum ScriptState
{
    NotStarted,
    AwaitingResponses,
    Done,
    Failed,
}
