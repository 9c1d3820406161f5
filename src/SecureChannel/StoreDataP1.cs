namespace WalletGateway.SecureChannel;

/// <summary>The bits of STORE DATA's P1 in this profile: DGI format, DEK-encrypted content, last block.</summary>
public static class StoreDataP1
{
    /// <summary>Bits of the data structure; <see cref="DgiFormat"/> is the only one accepted.</summary>
    public const byte FormatMask = 0x18;

    /// <summary>The block holds DGIs.</summary>
    public const byte DgiFormat = 0x08;

    /// <summary>Bits of the encryption; set to <see cref="Encrypted"/> when the block holds DEK-encrypted data.</summary>
    public const byte EncryptionMask = 0x60;

    /// <summary>The block holds data encrypted under the static Key-DEK (application dependent).</summary>
    public const byte Encrypted = 0x60;

    /// <summary>The last block.</summary>
    public const byte LastBlock = 0x80;

    /// <summary>A response with data is expected (set with <see cref="LastBlock"/>).</summary>
    public const byte ResponseExpected = 0x01;

    /// <summary>The P1 of a block: DGI format, encrypted when it carries DEK-encrypted bytes, last block with a response expected.</summary>
    public static byte For(bool encrypted, bool last) =>
        (byte)(DgiFormat | (encrypted ? Encrypted : 0) | (last ? LastBlock | ResponseExpected : 0));

    /// <summary>True when P1 says DGI format and its encryption bits are none or <see cref="Encrypted"/>.</summary>
    public static bool IsValid(byte p1) => (p1 & FormatMask) == DgiFormat && ((p1 & EncryptionMask) is 0 or Encrypted);

    public static bool IsEncrypted(byte p1) => (p1 & EncryptionMask) == Encrypted;

    public static bool IsLastBlock(byte p1) => (p1 & LastBlock) != 0;
}
