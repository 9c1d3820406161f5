namespace WalletGateway.Terminal.Protocol;

/// <summary>A provisioning session the gateway opened: <c>201</c> of <c>POST /v1/sessions</c>.</summary>
/// <param name="SessionId">The session id for the following calls.</param>
/// <param name="Seq">The sequence number the first step (authenticate) must carry; 0.</param>
/// <param name="ExpiresAt">When the session expires if left idle.</param>
public sealed record SessionOpened(string SessionId, int Seq, DateTimeOffset ExpiresAt);
