using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Sessions;

// The operator's view of a session (GET /admin/sessions/{id}).
public sealed partial class TerminalSessionGrain
{
    public Task<SessionDetails> GetDetailsAsync()
    {
        if (_state is SessionState.None or SessionState.Expired || IsPastDeadline())
        {
            throw new GatewayException(GatewayError.SessionNotFound, "Unknown or expired session.");
        }

        return Task.FromResult(new SessionDetails(SessionId, _state, _expectedSeq, ExpiresAt, _deviceId, _issuerId, _chipId, _cardRef, _cardId));
    }
}
