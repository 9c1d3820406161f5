namespace WalletGateway.SecureChannel;

/// <summary>
/// The response list handed to <see cref="ChannelScript.Next"/> cannot be an honest terminal's answer to the
/// last batch (empty, too long, cut short after a <c>9000</c>, an element under 2 bytes). The script is unchanged.
/// </summary>
public sealed class ScriptInputException : ArgumentException
{
    public ScriptInputException(string message)
        : base(message)
    {
    }
}
