using System.Text.Json.Serialization;

namespace WalletGateway.Contracts;

/// <summary>A provisioning session the gateway opened: <c>201</c> of <c>POST /v1/sessions</c>.</summary>
/// <param name="SessionId">The session id for the following calls, as <see cref="SessionIds.Format(Guid)"/> writes it.</param>
/// <param name="Seq">The sequence number the first step (authenticate) must carry; 0.</param>
/// <param name="ExpiresAt">When the session expires if left idle.</param>
public sealed record SessionOpenedResponse(string SessionId, int Seq, DateTimeOffset ExpiresAt)
{
    /// <summary>Cards whose removal from this chip is pending (a remote wipe); absent when there are none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PendingRemoval>? RemovalsPending { get; init; }
}
