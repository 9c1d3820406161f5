namespace WalletGateway.Contracts;

/// <summary>Body of <c>POST /v1/sessions/{id}/authenticate</c> (step 0); members nullable as in <see cref="RegisterDeviceRequest"/>.</summary>
/// <param name="Seq">The step's sequence number, <see cref="SessionOpenedResponse.Seq"/>.</param>
/// <param name="MemberId">The member's id at the issuer.</param>
/// <param name="AccessCode">The member's one-time access code. A secret: never print or log it.</param>
public sealed record AuthenticateRequest(int? Seq, string? MemberId, string? AccessCode)
{
    // The access code stays out of ToString so a logged request does not leak it.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Seq = ").Append(Seq).Append(", MemberId = ").Append(MemberId);
        return true;
    }
}
