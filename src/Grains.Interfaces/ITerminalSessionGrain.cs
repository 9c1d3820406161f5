using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// One card-writing session of one device. Key: the session id. Volatile: lives in memory only,
/// expires when idle. Enforces the step order: authenticate (seq 0), then relays (seq 1, 2 …);
/// an identical retry of the last step is answered again, a changed one is refused.
/// Refusals are thrown as <see cref="GatewayException"/>.
/// </summary>
[Alias("WalletGateway.ITerminalSessionGrain")]
public interface ITerminalSessionGrain : IGrainWithGuidKey
{
    [Alias("OpenAsync")]
    Task<SessionView> OpenAsync(string deviceId, string issuerId, string chipId);

    [Alias("AuthenticateAsync")]
    Task<StepResponse> AuthenticateAsync(string deviceId, int seq, string memberId, string accessCode);

    /// <summary>
    /// Step 0 of a removal session (instead of authenticate): the card <paramref name="cardId"/> of the session's issuer that
    /// the gateway has on the session's chip; answers the removal script's first APDUs. Possession of the chip is the proof.
    /// </summary>
    [Alias("RemoveAsync")]
    Task<StepResponse> RemoveAsync(string deviceId, int seq, string cardId);

    /// <summary>Relays the chip's responses (hex, each ending in its status word) to the step <paramref name="seq"/>.</summary>
    [Alias("RelayAsync")]
    Task<StepResponse> RelayAsync(string deviceId, int seq, IReadOnlyList<string> responses);

    [Alias("AbortAsync")]
    Task AbortAsync(string deviceId);

    [Alias("GetAsync")]
    Task<SessionView> GetAsync(string deviceId);

    /// <summary>The session for an operator (any device); <see cref="GatewayError.SessionNotFound"/> when unknown or expired.</summary>
    [Alias("GetDetailsAsync")]
    Task<SessionDetails> GetDetailsAsync();

    /// <summary>
    /// Ends the session if it is past its deadline (idle or at its maximum lifetime): an unfinished one ends <c>expired</c>
    /// and releases its card lease; either way it deactivates. Called by its silo's expiry sweep; does nothing before the deadline.
    /// </summary>
    [Alias("ExpireIfDueAsync")]
    Task ExpireIfDueAsync();
}
