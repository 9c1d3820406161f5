namespace WalletGateway.Grains.Issuers;

/// <summary>The issuer interfaces the gateway speaks (<see cref="IssuerOptions.Protocol"/>).</summary>
public static class IssuerProtocols
{
    public const string Json = "Json";

    public const string Legacy = "Legacy";
}
