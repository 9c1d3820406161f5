namespace WalletGateway.SecureChannel;

/// <summary>What part of an encrypted DGI (<c>8000</c>–<c>8FFF</c>) a STORE DATA block carries.</summary>
public enum EncryptedContent
{
    None,
    HeaderOnly,
    Value,
}
