namespace WalletGateway.SecureChannel;

/// <summary>The other side of a secure channel answered something that does not verify; the channel is closed.</summary>
public sealed class SecureChannelException : Exception
{
    public SecureChannelException(string message)
        : base(message)
    {
    }
}
