using System.Net.Http.Json;
using WalletGateway.Contracts;

namespace WalletGateway.Terminal.Protocol;

public sealed partial class GatewayClient
{
    /// <summary>
    /// Step 0 of a removal session (instead of authenticate): the card to take off the session's chip,
    /// <c>POST /v1/sessions/{id}/remove</c>. A card the gateway does not have on that chip is a 404 <c>card-not-found</c>.
    /// </summary>
    public async Task<SessionStepResponse> RemoveAsync(string deviceToken, string sessionId, int seq, string cardId, CancellationToken ct = default) =>
        Checked(await SendAsync(HttpMethod.Post, SessionPath(sessionId, "/remove"), deviceToken,
            JsonContent.Create(new RemoveRequest(seq, cardId), Json.RemoveRequest),
            Json.SessionStepResponse, ct));
}
