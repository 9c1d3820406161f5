namespace WalletGateway.IssuerSimulator;

/// <summary>
/// A member of one issuer with their single card. The card is made at creation and replaced only by a renewal (same
/// reference and number, new expiry and key); an administrator may make the issuer answer other data, see
/// <see cref="CardOverride"/>. The one-time access code changes.
/// </summary>
internal sealed class Member(string memberId, IssuedCard card, string accessCode)
{
    private string? _accessCode = accessCode;
    private IssuedCard? _answered;
    private IssuedCard _issued = card;

    public string MemberId { get; } = memberId;

    public IssuedCard IssuedCard => Volatile.Read(ref _issued);

    /// <summary>Replaces the issued card by its renewal (an override, when set, is still what the issuer answers).</summary>
    public void Renew(IssuedCard renewed) => Volatile.Write(ref _issued, renewed);

    /// <summary>The card the issuer answers with: the issued one unless an override replaced it.</summary>
    public IssuedCard Card => Volatile.Read(ref _answered) ?? IssuedCard;

    /// <summary>Answers with <paramref name="answered"/> from now on; null answers with the issued card again.</summary>
    public void OverrideCard(IssuedCard? answered) => Volatile.Write(ref _answered, answered);

    /// <summary>Issues a new one-time code; the previous unused one stops working.</summary>
    public void ReplaceAccessCode(string accessCode) => Interlocked.Exchange(ref _accessCode, accessCode);

    /// <summary>
    /// Consumes the current code if <paramref name="accessCode"/> matches it. Of two
    /// concurrent attempts with the right code exactly one succeeds.
    /// </summary>
    public bool TryConsumeAccessCode(string accessCode)
    {
        var current = Volatile.Read(ref _accessCode);
        return current is not null
            && Secrets.FixedTimeEquals(current, accessCode)
            && ReferenceEquals(Interlocked.CompareExchange(ref _accessCode, null, current), current);
    }
}
