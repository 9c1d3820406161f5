using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// What a session holds in other grains: a place among its device's sessions and its chip (from open to
/// end), and its card's lease (from authenticate to end).
/// </summary>
internal sealed class SessionClaims(IGrainFactory grains, Guid sessionId)
{
    /// <summary>
    /// Claims the device's session slot until <paramref name="hardDeadline"/> and opens on the chip (held only once
    /// it proves itself, <see cref="ProveChipAsync"/>). An older session of the same device on the chip is aborted.
    /// </summary>
    public async Task ClaimAsync(string deviceId, string chipId, DateTimeOffset hardDeadline)
    {
        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        await device.BeginSessionAsync(sessionId, hardDeadline);
        Guid? superseded;
        try
        {
            superseded = await grains.GetGrain<IChipGrain>(chipId).ClaimAsync(sessionId, deviceId, hardDeadline);
        }
        catch (GatewayException)
        {
            await device.EndSessionAsync(sessionId);
            throw;
        }

        if (superseded is { } old)
        {
            try
            {
                await grains.GetGrain<ITerminalSessionGrain>(old).AbortAsync(deviceId);
            }
            catch (GatewayException e) when (e.Error is GatewayError.SessionNotFound or GatewayError.SessionClosed)
            {
                // Already over: nothing to supersede.
            }
        }
    }

    /// <summary>The chip proved itself to this session: the session holds it (see <see cref="IChipGrain.ProveAsync"/>).</summary>
    public Task ProveChipAsync(string deviceId, string chipId, DateTimeOffset hardDeadline) =>
        grains.GetGrain<IChipGrain>(chipId).ProveAsync(sessionId, deviceId, hardDeadline);

    /// <summary>A finished session stops counting against its device and frees its chip.</summary>
    public async Task ReleaseAsync(TerminalSessionState session)
    {
        await grains.GetGrain<IChipGrain>(session.ChipId).ReleaseAsync(sessionId);
        await grains.GetGrain<IDeviceGrain>(session.DeviceId).EndSessionAsync(sessionId);
    }

    public ICardGrain Card(string issuerId, string cardRef) => grains.GetGrain<ICardGrain>(CardKey.For(issuerId, cardRef));

    /// <summary>
    /// Lets go of the card of an unfinished session. Once the last block has been handed to the terminal the
    /// chip may hold the card whatever comes back (or does not), so the card then stays bound to that chip.
    /// </summary>
    public Task ReleaseLeaseAsync(TerminalSessionState session, bool mayBeOnChip, string reason)
    {
        var card = Card(session.IssuerId, session.CardRef!);
        // A release's write records the abort notice in the card's outbox.
        return mayBeOnChip ? card.MarkUnconfirmedAsync(sessionId, reason) : card.ReleaseLeaseAsync(sessionId, reason);
    }
}
