namespace WalletGateway.Contracts.Admin;

/// <summary>This silo's share of an issuer's limits and what it uses of them now.</summary>
public sealed record AdminIssuerLive(string Silo, int ActiveSilos, int MaxConcurrentShare, int CurrentLimit, int InFlight, int CallsPerSecondShare);
