using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;
using WalletGateway.SecureChannel;

namespace WalletGateway.Grains.Sessions;

// The lease at authentication, and renewal: a card active on this session's chip whose issuer data changed is written again
// to the same chip under the same card id (docs/terminal-protocol.md#renewal). Only this path pays the extra card calls.
public sealed partial class TerminalSessionGrain
{
    /// <summary>Leases the member's card: a first write's lease, or a renewal's when the card is active on this chip.</summary>
    private async Task<(CardLease Lease, bool Renewal)> LeaseAsync(IssuerCard issued)
    {
        var card = Claims.Card(_session.IssuerId, issued.CardRef);
        var until = clock.LeaseUntil(_session.HardDeadline);
        try
        {
            return (await card.AcquireLeaseAsync(SessionId, _session.ChipId, until, _session.DeviceId), false);
        }
        catch (GatewayException e) when (e.Error == GatewayError.CardActive)
        {
            var view = await card.GetAsync();
            if (view is not { Status: CardStatus.Active, CardId: { } cardId }
                || !string.Equals(view.ChipId, _session.ChipId, StringComparison.OrdinalIgnoreCase))
            {
                throw; // on another chip (or unconfirmed there): refused as before
            }

            // The receipt covers every DGI, the card id included: equal receipts mean the chip already holds this data.
            var data = new CardData(issued.CardNumber, issued.Expiry, issued.CardholderName, issued.PaymentKey, _session.IssuerId, cardId);
            var receipt = Hex.Format(PaymentPersonalization.Receipt(PaymentPersonalization.PlaintextDgis(data)));
            return (await card.AcquireRenewalLeaseAsync(SessionId, _session.ChipId, until, _session.DeviceId, receipt), true);
        }
    }
}
