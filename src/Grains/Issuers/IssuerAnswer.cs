namespace WalletGateway.Grains.Issuers;

/// <summary>A member authentication answer as a protocol read it, before the gateway checks it is usable.</summary>
public sealed record IssuerAnswer(string? CardRef, string? CardNumber, string? Expiry, string? CardholderName, string? PaymentKey);
