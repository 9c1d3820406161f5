using System.Security.Cryptography;

namespace WalletGateway.Grains;

public sealed class CardGrain(
    [PersistentState("card", StorageNames.Durable)] IPersistentState<CardState> card,
    GatewayClock clock,
    StorageMetrics metrics) : Grain, ICardGrain
{
    public async Task<CardLease> AcquireLeaseAsync(Guid sessionId, string chipId, DateTimeOffset until)
    {
        var state = card.State;
        switch (state.Status)
        {
            case CardStatus.Active or CardStatus.Suspended or CardStatus.Deleted:
                throw new GatewayException(GatewayError.CardActive, "This card is already set up on a phone; it cannot be written again.");
            case CardStatus.Unconfirmed when state.ChipId != chipId:
                throw new GatewayException(GatewayError.CardActive,
                    "This card may already be on another phone (its last write was not confirmed); only that phone can write it again.");
            case CardStatus.Provisioning when state.SessionId == sessionId:
                return new CardLease(state.CardId!, state.LeaseUntil!.Value);
            case CardStatus.Provisioning when state.LeaseUntil > clock.UtcNow:
                throw new GatewayException(GatewayError.CardBusy, "This card is being written to a phone right now.",
                    retryAfter: state.LeaseUntil - clock.UtcNow);
        }

        // The lease is durable before the session hands out a single APDU: a crash after this line
        // leaves a lease that expires, never a card written to two chips.
        // Rewriting an unconfirmed card on its own chip keeps the card id, so the chip replaces it.
        var cardId = state.Status == CardStatus.Unconfirmed && state.CardId is { } kept ? kept : NewCardId();
        state.CardId = cardId;
        state.Status = CardStatus.Provisioning;
        state.ChipId = chipId;
        state.SessionId = sessionId;
        state.LeaseUntil = until;
        await this.WriteDurablyAsync(card, metrics);
        return new CardLease(cardId, until);
    }

    public async Task ActivateAsync(Guid sessionId, string receiptHex)
    {
        var state = card.State;
        if (state.Status == CardStatus.Active && state.SessionId == sessionId)
        {
            return;
        }

        // An expired lease that nobody else took is still this session's: the chip holds the card.
        if (state.Status != CardStatus.Provisioning || state.SessionId != sessionId)
        {
            throw new GatewayException(GatewayError.CardBusy, "The card's lease is no longer held by this session.");
        }

        state.Status = CardStatus.Active;
        state.LeaseUntil = null;
        state.ActivatedAt = clock.UtcNow;
        state.Receipt = receiptHex;
        await this.WriteDurablyAsync(card, metrics);
    }

    public async Task ReleaseLeaseAsync(Guid sessionId)
    {
        var state = card.State;
        if (state.Status != CardStatus.Provisioning || state.SessionId != sessionId)
        {
            return;
        }

        state.Status = CardStatus.Unprovisioned;
        state.CardId = null;
        state.ChipId = null;
        state.SessionId = null;
        state.LeaseUntil = null;
        await this.WriteDurablyAsync(card, metrics);
    }

    public async Task MarkUnconfirmedAsync(Guid sessionId)
    {
        var state = card.State;
        if (state.Status != CardStatus.Provisioning || state.SessionId != sessionId)
        {
            return;
        }

        state.Status = CardStatus.Unconfirmed;
        state.SessionId = null;
        state.LeaseUntil = null;
        await this.WriteDurablyAsync(card, metrics);
    }

    public Task<CardView> GetAsync()
    {
        var s = card.State;
        return Task.FromResult(new CardView(s.Status, s.CardId, s.ChipId, s.SessionId, s.LeaseUntil, s.ActivatedAt));
    }

    private static string NewCardId() => "C" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
}
