namespace WalletGateway.Contracts;

/// <summary>Body of <c>POST /v1/sessions/{id}/remove</c> (step 0 of a removal session); members nullable as in <see cref="RegisterDeviceRequest"/>.</summary>
/// <param name="Seq">The step's sequence number, <see cref="SessionOpenedResponse.Seq"/>.</param>
/// <param name="CardId">The card id on the chip (<c>result.cardId</c> of its provisioning, or <c>GET /v1/cards?chipId=…</c>).</param>
public sealed record RemoveRequest(int? Seq, string? CardId);
