using WalletGateway.Grains.Issuers;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// The issuer's answer to one authenticate step (<see cref="StepLedger.Fingerprint(string, string)"/>):
/// the issuer consumed the one-time code, so an identical retry goes on from this answer.
/// </summary>
public sealed record MemberAnswer(string Fingerprint, IssuerCard Card);
