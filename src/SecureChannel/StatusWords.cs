namespace WalletGateway.SecureChannel;

/// <summary>The ISO 7816-4 / GlobalPlatform status words this profile uses.</summary>
public static class StatusWords
{
    public const ushort Success = 0x9000;
    public const ushort AuthenticationFailed = 0x6300;
    public const ushort WrongLength = 0x6700;
    public const ushort SecurityStatusNotSatisfied = 0x6982;
    public const ushort AuthenticationMethodBlocked = 0x6983;
    public const ushort ConditionsNotSatisfied = 0x6985;
    public const ushort WrongData = 0x6A80;
    public const ushort FileNotFound = 0x6A82;
    public const ushort NotEnoughMemory = 0x6A84;
    public const ushort IncorrectP1P2 = 0x6A86;
    public const ushort ReferencedDataNotFound = 0x6A88;
    public const ushort InsNotSupported = 0x6D00;
    public const ushort ClaNotSupported = 0x6E00;
    public const ushort NoPreciseDiagnosis = 0x6F00;
}
