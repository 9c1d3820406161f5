using WalletGateway.Contracts;
using WalletGateway.SecureElement;

namespace WalletGateway.Terminal.Protocol;

/// <summary>
/// Drives one removal session: opens the session for the card's issuer, names the card to take off the chip, then relays
/// APDUs between the gateway and the chip until the gateway has verified the chip's answer (docs/terminal-protocol.md).
/// </summary>
public sealed class RemovalRunner(GatewayClient client, SoftSecureElement chip)
{
    private readonly GatewayClient _client = client ?? throw new ArgumentNullException(nameof(client));
    private readonly SoftSecureElement _chip = chip ?? throw new ArgumentNullException(nameof(chip));

    /// <summary>Takes <paramref name="cardId"/> of <paramref name="issuerId"/> off the chip; gateway refusals propagate as <see cref="GatewayProblemException"/>.</summary>
    public async Task<RemovalResult> RemoveAsync(string deviceToken, string issuerId, string cardId, CancellationToken ct = default)
    {
        using var trace = CardTrace.Start();
        var session = await _client.OpenSessionAsync(deviceToken, issuerId, _chip.ChipId, ct);
        var step = await _client.RemoveAsync(deviceToken, session.SessionId, session.Seq, cardId, ct);
        var roundTrips = 2;
        while (!step.Done)
        {
            var responses = ProvisioningRunner.RelayToChip(_chip, step);
            step = await _client.RelayAsync(deviceToken, session.SessionId, step.Seq, responses, ct);
            roundTrips++;
        }

        var outcome = step.Result ?? throw new InvalidOperationException("A finished step always carries a result.");
        return new RemovalResult(session.SessionId, outcome.CardId, outcome.Removed == true, roundTrips);
    }

    /// <summary>Runs the removals the gateway said are pending for this chip (remote wipes), one session each, in order.</summary>
    public async Task<IReadOnlyList<RemovalResult>> RemovePendingAsync(string deviceToken, IEnumerable<PendingRemoval> pending, CancellationToken ct = default)
    {
        var results = new List<RemovalResult>();
        foreach (var removal in pending)
        {
            results.Add(await RemoveAsync(deviceToken, removal.IssuerId, removal.CardId, ct));
        }

        return results;
    }
}
