using WalletGateway.Contracts;

namespace WalletGateway.Terminal.Protocol;

/// <summary>The outcome of <see cref="ProvisioningRunner.ProvisionAsync"/>.</summary>
/// <param name="SessionId">The session that wrote the card.</param>
/// <param name="CardId">The gateway's id for the card.</param>
/// <param name="Status">The card's status, <c>active</c> when written and verified.</param>
/// <param name="RoundTrips">HTTP requests made to the gateway: open, authenticate and every relay.</param>
/// <param name="ApdusRelayed">Chip responses sent back to the gateway.</param>
/// <param name="Card">Last four digits and expiry, as the gateway reported them on authentication.</param>
/// <param name="TraceId">The W3C trace id every request of the session carried (<see cref="CardTrace"/>).</param>
/// <param name="RemovalsPending">Cards whose removal from this chip the gateway said is pending (remote wipes), from the session's opening.</param>
public sealed record ProvisioningResult(
    string SessionId, string CardId, string Status, int RoundTrips, int ApdusRelayed, CardPreview? Card, string? TraceId = null,
    IReadOnlyList<PendingRemoval>? RemovalsPending = null);
