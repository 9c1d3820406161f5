namespace WalletGateway.IssuerSimulator;

/// <summary>Body of <c>GET /admin/stats</c>: statistics keyed by issuer id.</summary>
public sealed record StatsResponse(IReadOnlyDictionary<string, IssuerStatsSnapshot> Issuers);
