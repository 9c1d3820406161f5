using WalletGateway.Contracts;

namespace WalletGateway.Terminal.Protocol;

public sealed partial class GatewayClient
{
    /// <summary>The gateway's status of the cards written to a chip: <c>GET /v1/cards?chipId=…</c> with the device token.</summary>
    public Task<IReadOnlyList<ChipCardResponse>> ListChipCardsAsync(string deviceToken, string chipId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"v1/cards?chipId={Uri.EscapeDataString(chipId)}", deviceToken, content: null, Json.IReadOnlyListChipCardResponse, ct);
}
