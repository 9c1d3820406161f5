namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>A card's audit records, oldest first, and whether the chain verifies against the card's own record of its head.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.AuditTrail")]
public sealed record AuditTrail(
    [property: Id(0)] IReadOnlyList<AuditRecord> Records,
    [property: Id(1)] AuditVerification Verification);

/// <summary>The verification result: <see cref="Valid"/>, or the first sequence number that fails and why.</summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.AuditVerification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Valid,
    [property: Id(1)] long ExpectedRecords,
    [property: Id(2)] long? FirstBadSeq,
    [property: Id(3)] string? Problem);
