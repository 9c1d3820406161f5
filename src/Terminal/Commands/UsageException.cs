namespace WalletGateway.Terminal.Commands;

/// <summary>Something the user has to fix: a missing option that cannot be prompted for, an unreadable file.</summary>
internal sealed class UsageException(string message) : Exception(message);
