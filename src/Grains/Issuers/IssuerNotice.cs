namespace WalletGateway.Grains.Issuers;

/// <summary>
/// What the gateway tells an issuer about a card, idempotent on <see cref="MessageId"/>. <see cref="Kind"/> is one
/// of <see cref="IssuerNoticeKinds"/>.
/// </summary>
public sealed record IssuerNotice(
    string Kind, string MessageId, string CardRef, string? ChipId, string? CardId, string? Reason, string? RequestedBy);

/// <summary>The notices the gateway sends.</summary>
public static class IssuerNoticeKinds
{
    public const string Complete = "complete";
    public const string Abort = "abort";
    public const string Suspend = "suspend";
    public const string Resume = "resume";
    public const string Delete = "delete";
}
