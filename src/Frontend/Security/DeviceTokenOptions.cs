using System.ComponentModel.DataAnnotations;
using System.Text;

namespace WalletGateway.Frontend.Security;

/// <summary>The key that signs device tokens (section <c>WalletGateway:Devices</c>). A secret: never logged.</summary>
public sealed class DeviceTokenOptions
{
    public const string Section = "WalletGateway:Devices";

    /// <summary>
    /// HMAC-SHA256 key (its UTF-8 bytes). Every frontend of a cluster has the same one; changing it invalidates every
    /// device token. The default is a development key; production sets its own from a secret store.
    /// </summary>
    [Required, MinLength(32)]
    public string TokenKey { get; set; } = "dev-device-token-key-0123456789abcdef";

    private byte[]? _keyBytes;

    /// <summary>The key's UTF-8 bytes, encoded once (every authenticated request uses them).</summary>
    public byte[] KeyBytes() => _keyBytes ??= Encoding.UTF8.GetBytes(TokenKey);
}
