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

    /// <summary>The card was taken off a chip at a terminal's request (the chip's removal answer verified).</summary>
    public const string Removed = "removed";

    /// <summary>A removal pending after a delete or a suspension for loss ran on the chip's next contact and verified.</summary>
    public const string Wiped = "wiped";

    /// <summary>The card was re-personalised on its chip with the issuer's new data (same card id).</summary>
    public const string Renewed = "renewed";
}
