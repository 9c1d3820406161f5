using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Sessions;

// The operator revoked the session's device: its token is refused already, so the terminal cannot end the session itself.
public sealed partial class TerminalSessionGrain
{
    public async Task EndForRevokedDeviceAsync(string deviceId)
    {
        if (_session.State == SessionState.None)
        {
            // Not a session of this silo's memory (expired and gone, or lost with its silo): nothing to end.
            DeactivateOnIdle();
            return;
        }

        if (_session.State.IsUnknown() || _session.State.IsClosed() || _session.DeviceId != deviceId)
        {
            return;
        }

        await EndAsync(SessionState.Aborted, "device-revoked");
    }
}
