namespace WalletGateway.SecureChannel;

/// <summary>The instruction bytes (INS) of the commands this profile uses, as in GlobalPlatform and ISO/IEC 7816-4.</summary>
public static class Instructions
{
    /// <summary>SELECT (by name: P1 <see cref="SelectByName"/>).</summary>
    public const byte Select = 0xA4;

    /// <summary>INITIALIZE UPDATE.</summary>
    public const byte InitializeUpdate = 0x50;

    /// <summary>EXTERNAL AUTHENTICATE.</summary>
    public const byte ExternalAuthenticate = 0x82;

    /// <summary>INSTALL (for personalization: P1 <see cref="InstallForPersonalization"/>).</summary>
    public const byte Install = 0xE6;

    /// <summary>STORE DATA (P1 in <see cref="StoreDataP1"/>).</summary>
    public const byte StoreData = 0xE2;

    /// <summary>P1 of SELECT by DF name (the AID).</summary>
    public const byte SelectByName = 0x04;

    /// <summary>P1 of INSTALL [for personalization].</summary>
    public const byte InstallForPersonalization = 0x20;
}
