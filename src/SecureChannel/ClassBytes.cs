namespace WalletGateway.SecureChannel;

/// <summary>The class bytes (CLA) of the commands this profile uses.</summary>
public static class ClassBytes
{
    /// <summary>Interindustry class, no secure messaging (SELECT).</summary>
    public const byte Iso = 0x00;

    /// <summary>GlobalPlatform proprietary class, no secure messaging.</summary>
    public const byte GlobalPlatform = 0x80;

    /// <summary>The bit that marks secure messaging (C-MAC) in the class byte.</summary>
    public const byte SecureMessaging = 0x04;

    /// <summary>GlobalPlatform class with secure messaging: EXTERNAL AUTHENTICATE and every wrapped command.</summary>
    public const byte GlobalPlatformSecured = GlobalPlatform | SecureMessaging;
}
