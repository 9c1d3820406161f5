namespace WalletGateway.SecureChannel;

public enum ScriptStepKind
{
    SendApdus,
    Done,
    Failed,
}
