using System.Xml;
using System.Xml.Linq;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Issuers;

/// <summary>
/// An older card system's interface: form-encoded POSTs with the credential in the form (<c>USERID</c>,
/// <c>PASSWD</c>), HTTP 200 with its own response codes, a fixed-field text answer to authentication and an
/// XML answer to notices. Paths relative to the issuer's base URL: <c>cgi-bin/auth</c> and <c>cgi-bin/notify</c>.
/// </summary>
/// <remarks>
/// Authentication answer (ASCII, 105 characters when approved): <c>RC</c>(2) <c>CARDREF</c>(20) <c>PAN</c>(19)
/// <c>EXPIRY</c>(6, YYYYMM) <c>NAME</c>(26) <c>KEY</c>(32 hex), text fields left-justified and space-padded.
/// Response codes: <c>00</c> approved, <c>55</c> wrong or used access code, <c>63</c> security violation (bad
/// credential), <c>30</c> format error, <c>91</c> issuer unavailable, <c>96</c> system malfunction.
/// Notice answer: <c>&lt;NOTIFYRESP&gt;&lt;RC&gt;00&lt;/RC&gt;&lt;MSGID&gt;…&lt;/MSGID&gt;&lt;DUP&gt;Y|N&lt;/DUP&gt;&lt;/NOTIFYRESP&gt;</c>.
/// </remarks>
public sealed class LegacyIssuerProtocol : IIssuerProtocol
{
    public const string Approved = "00";
    public const string WrongAccessCode = "55";
    public const string SecurityViolation = "63";

    private static readonly (string Name, int Length)[] AuthenticateFields =
        [("RC", 2), ("CARDREF", 20), ("PAN", 19), ("EXPIRY", 6), ("NAME", 26), ("KEY", 32)];

    public string Name => IssuerProtocols.Legacy;

    public HttpRequestMessage CreateAuthenticate(IssuerOptions issuer, string memberId, string accessCode) =>
        Post(issuer, "cgi-bin/auth", [new("MBRID", memberId), new("ACODE", accessCode)]);

    public async Task<IssuerAnswer> ReadAuthenticateAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        EnsureHttpSuccess(response);
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).TrimEnd('\r', '\n');
        var code = text.Length >= 2 ? text[..2] : "";
        if (code == WrongAccessCode)
        {
            throw new IssuerCallException(IssuerCallFailure.InvalidAccessCode, "The issuer refused the access code (RC 55).");
        }

        EnsureCredentialAccepted(code);

        if (code != Approved || text.Length != AuthenticateFields.Sum(f => f.Length))
        {
            throw new IssuerCallException(IssuerCallFailure.Unavailable, $"The issuer answered RC '{code}'.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        foreach (var (name, length) in AuthenticateFields)
        {
            fields[name] = text.Substring(at, length).Trim();
            at += length;
        }

        var expiry = fields["EXPIRY"];
        return new IssuerAnswer(
            fields["CARDREF"],
            fields["PAN"],
            expiry.Length == 6 ? $"{expiry[..4]}-{expiry[4..]}" : null,
            fields["NAME"],
            fields["KEY"]);
    }

    public HttpRequestMessage CreateNotice(IssuerOptions issuer, IssuerNotice n) =>
        Post(issuer, "cgi-bin/notify",
        [
            new("TXN", Transaction(n.Kind)),
            new("MSGID", n.MessageId),
            new("CARDREF", n.CardRef),
            new("CHIPID", n.ChipId ?? ""),
            new("CARDID", n.CardId ?? ""),
            new("RSN", n.Reason ?? ""),
            new("RQBY", n.RequestedBy ?? ""),
        ]);

    public async Task ReadNoticeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        EnsureHttpSuccess(response);
        string? code;
        try
        {
            var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            code = xml.Root?.Element("RC")?.Value;
        }
        catch (XmlException)
        {
            throw new IssuerCallException(IssuerCallFailure.Unavailable, "The issuer's notice answer is not XML.");
        }

        EnsureCredentialAccepted(code);
        if (code != Approved)
        {
            throw new IssuerCallException(IssuerCallFailure.Unavailable, $"The issuer answered the notice with RC '{code}'.");
        }
    }

    /// <summary>The legacy interface knows the five transactions below only (no removal, wipe or renewal codes).</summary>
    public bool Sends(string noticeKind) => noticeKind is IssuerNoticeKinds.Complete or IssuerNoticeKinds.Abort
        or IssuerNoticeKinds.Suspend or IssuerNoticeKinds.Resume or IssuerNoticeKinds.Delete;

    /// <summary>The legacy transaction code of a notice kind.</summary>
    public static string Transaction(string kind) => kind switch
    {
        IssuerNoticeKinds.Complete => "ACTV",
        IssuerNoticeKinds.Abort => "ABRT",
        IssuerNoticeKinds.Suspend => "SUSP",
        IssuerNoticeKinds.Resume => "RESM",
        IssuerNoticeKinds.Delete => "DELT",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown notice kind."),
    };

    private static HttpRequestMessage Post(IssuerOptions issuer, string path, KeyValuePair<string, string>[] fields) =>
        new(HttpMethod.Post, new Uri(issuer.BaseUrl!, path))
        {
            Content = new FormUrlEncodedContent([new("USERID", issuer.Username), new("PASSWD", issuer.Password), .. fields]),
        };

    private static void EnsureCredentialAccepted(string? code)
    {
        if (code == SecurityViolation)
        {
            throw new IssuerCallException(IssuerCallFailure.CredentialRejected, "The issuer refused the gateway's credential (RC 63).");
        }
    }

    private static void EnsureHttpSuccess(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new IssuerCallException(IssuerCallFailure.Unavailable, $"The issuer answered HTTP {(int)response.StatusCode}.") { Status = (int)response.StatusCode };
        }
    }
}
