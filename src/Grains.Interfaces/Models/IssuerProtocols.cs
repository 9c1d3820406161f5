namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>The issuer interfaces the gateway speaks (<see cref="IssuerSettings.Protocol"/>).</summary>
public static class IssuerProtocols
{
    public const string Json = "Json";

    public const string Legacy = "Legacy";
}
