namespace WalletGateway.Hosting;

/// <summary>The gateway cannot start: its durable storage is not there.</summary>
public sealed class StorageUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
