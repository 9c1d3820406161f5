using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Sessions;

/// <summary>The last step a session answered, kept to answer an identical retry again.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.AnsweredStep")]
public sealed record AnsweredStep([property: Id(0)] int Seq, [property: Id(1)] string Fingerprint, [property: Id(2)] StepResponse Response);
