using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace WalletGateway.IssuerSimulator;

/// <summary>The in-memory state of one simulated issuer: members, notifications, statistics, fault.</summary>
internal sealed class Issuer(IssuerOptions options)
{
    private const string Digits = "0123456789";
    private readonly byte[] _username = Encoding.UTF8.GetBytes(options.Username);
    private readonly byte[] _password = Encoding.UTF8.GetBytes(options.Password);
    private readonly ConcurrentDictionary<string, Member> _members = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Notification> _notifications = new(StringComparer.Ordinal);
    private FaultSettings? _fault;

    public string Id { get; } = options.Id;

    public string DisplayName { get; } = options.DisplayName;

    public string CardPrefix { get; } = CardNumbers.NormalizePrefix(options.CardPrefix);

    public int CardValidityYears { get; } = options.CardValidityYears;

    public IssuerStats Stats { get; } = new();

    public FaultSettings? Fault
    {
        get => Volatile.Read(ref _fault);
        set => Volatile.Write(ref _fault, value);
    }

    public bool HasCredential(ReadOnlySpan<byte> username, ReadOnlySpan<byte> password) =>
        // Evaluate both so the timing does not tell which part was wrong.
        CryptographicOperations.FixedTimeEquals(username, _username)
        & CryptographicOperations.FixedTimeEquals(password, _password);

    /// <summary>Creates a member with a new card; <paramref name="accessCode"/> is their first one-time code.</summary>
    public Member AddMember(DateTimeOffset now, out string accessCode)
    {
        var card = CardFactory.Create(CardPrefix, CardValidityYears, now);
        accessCode = Secrets.NewAccessCode();
        while (true)
        {
            var member = new Member("M" + RandomNumberGenerator.GetString(Digits, 10), card, accessCode);
            if (_members.TryAdd(member.MemberId, member))
            {
                return member;
            }
        }
    }

    public Member? FindMember(string memberId) => _members.GetValueOrDefault(memberId);

    /// <summary>Records a notification; false when its message id was seen before (a redelivery).</summary>
    public bool Record(string kind, ProvisioningNotice notice, DateTimeOffset now)
    {
        var fresh = new Notification(kind, notice, now);
        var stored = _notifications.GetOrAdd(notice.MessageId, fresh);
        if (ReferenceEquals(stored, fresh))
        {
            return true;
        }

        stored.Redelivered();
        return false;
    }

    public IReadOnlyList<NotificationView> Notifications() =>
        [.. _notifications.Values.OrderBy(n => n.ReceivedAt).Select(n => n.ToView())];
}
