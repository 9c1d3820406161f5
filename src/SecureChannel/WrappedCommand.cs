namespace WalletGateway.SecureChannel;

/// <summary>
/// A command as the host sent it, with what its response is verified against: the command's own full C-MAC
/// (the chain value for its R-MAC) and encryption counter (for its R-ENC ICV).
/// </summary>
public sealed record WrappedCommand(CommandApdu Plain, byte[] Apdu, byte[] Chain, long Counter);
