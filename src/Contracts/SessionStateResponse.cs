namespace WalletGateway.Contracts;

/// <summary>A session as <c>GET /v1/sessions/{id}</c> shows it.</summary>
/// <param name="State"><c>open</c>, <c>authenticated</c>, <c>writing</c>, <c>active</c>, <c>failed</c>, <c>aborted</c> or <c>expired</c>.</param>
/// <param name="Seq">The sequence number the session expects next.</param>
/// <param name="ExpiresAt">When the session expires if left idle.</param>
public sealed record SessionStateResponse(string State, int Seq, DateTimeOffset ExpiresAt);
