namespace WalletGateway.IssuerSimulator;

/// <summary>
/// A fault injected into one issuer's endpoints: added latency, a share of requests
/// answered 503 (<see cref="FailureRate"/> from 0 to 1), <see cref="Down"/> for all 503, or every
/// notice (complete, abort, lifecycle) refused with the 4xx status <see cref="RefuseNotices"/> (0: off).
/// </summary>
public sealed record FaultSettings(string IssuerId, int LatencyMs = 0, double FailureRate = 0, bool Down = false, int RefuseNotices = 0);
