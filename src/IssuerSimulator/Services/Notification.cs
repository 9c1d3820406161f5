namespace WalletGateway.IssuerSimulator;

/// <summary>A provisioning notification an issuer received, with how often it was delivered.</summary>
internal sealed class Notification(string kind, ProvisioningNotice notice, DateTimeOffset receivedAt)
{
    private int _count = 1;

    public string Kind { get; } = kind;

    public ProvisioningNotice Notice { get; } = notice;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public int Count => Volatile.Read(ref _count);

    public void Redelivered() => Interlocked.Increment(ref _count);

    public NotificationView ToView() =>
        new(Kind, Notice.MessageId, Notice.CardRef, Notice.ChipId, Notice.CardId, Notice.Reason, ReceivedAt, Count);
}
